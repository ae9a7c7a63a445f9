/** A value inside the evaluator; every value leaves the simulator as a string. */
export type Value = string | number | boolean | Date | undefined;

interface Spanned {
  start: number;
  end: number;
}

export type Expr = Spanned &
  (
    | { type: 'field'; name: string }
    | { type: 'literal'; value: Value }
    | { type: 'regex'; regex: RegExp }
    | { type: 'duration'; ms: number }
    | { type: 'list'; items: Expr[] }
    | { type: 'star' }
    | { type: 'call'; name: string; args: Expr[] }
    | { type: 'unary'; op: 'not' | '-'; arg: Expr }
    | { type: 'binary'; op: BinaryOp; left: Expr; right: Expr }
  );

export type BinaryOp =
  | 'and'
  | 'or'
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'like'
  | 'not like'
  | '=~'
  | 'in'
  | 'not in'
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '^';

/** An expression and the column it makes: its alias, else its text as written. */
export interface Named {
  expr: Expr;
  name: string;
}

export type Command =
  | { type: 'fields'; items: Named[] }
  | { type: 'display'; names: string[] }
  | { type: 'filter'; expr: Expr }
  | { type: 'parse'; source: Expr; pattern: RegExp; names: string[] }
  /** Keys of `key=value` pairs become fields, under `<prefix>.` when `as` names one. */
  | { type: 'parseLogfmt'; source: Expr; prefix?: string }
  | { type: 'stats'; aggregates: Named[]; by: Named[] }
  | { type: 'sort'; keys: { expr: Expr; descending: boolean }[] }
  | { type: 'limit'; count: number }
  | { type: 'dedup'; names: string[] };

export interface Query {
  commands: Command[];
}
