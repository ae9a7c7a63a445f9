/** Lucene's classic query syntax, as Elasticsearch's query_string reads it. */
export type LuceneNode =
  | { kind: 'bool'; clauses: { occur: Occur; node: LuceneNode }[] }
  | {
      kind: 'term';
      field: string | undefined;
      text: string;
      quoted: boolean;
      regexp: boolean;
      wildcard: boolean;
    }
  | {
      kind: 'range';
      field: string | undefined;
      lower: string;
      upper: string;
      includeLower: boolean;
      includeUpper: boolean;
    };

export type Occur = 'must' | 'should' | 'must_not';

type Kind =
  | 'AND'
  | 'OR'
  | 'NOT'
  | '+'
  | '-'
  | '('
  | ')'
  | ':'
  | '^'
  | '~'
  | '['
  | ']'
  | '{'
  | '}'
  | 'TO'
  | 'QUOTED'
  | 'REGEXP'
  | 'TERM'
  | 'EOF';

interface Tok {
  kind: Kind;
  image: string;
  /** Offset in the query: Lucene's FastCharStream reports it as the "column". */
  at: number;
}

/** A Lucene ParseException: the JavaCC text, to be wrapped as `Cannot parse '<q>': <text>`. */
export class LuceneSyntaxError extends Error {
  constructor(
    message: string,
    readonly lexical: boolean,
  ) {
    super(message);
  }
}

const IMAGE: Partial<Record<Kind, string>> = {
  AND: '<AND>',
  OR: '<OR>',
  NOT: '<NOT>',
  QUOTED: '<QUOTED>',
  REGEXP: '<REGEXPTERM>',
  TERM: '<TERM>',
  '~': '<FUZZY_SLOP>',
  TO: '<RANGE_TO>',
};

const CLAUSE_START = [
  '<BAREOPER>',
  '"("',
  '"*"',
  '<QUOTED>',
  '<TERM>',
  '<PREFIXTERM>',
  '<WILDTERM>',
  '<REGEXPTERM>',
  '"["',
  '"{"',
  '<NUMBER>',
];
const QUERY_START = ['<NOT>', '"+"', '"-"', ...CLAUSE_START, '<TERM>'];
const AFTER_CLAUSE = [
  '<AND>',
  '<OR>',
  '<NOT>',
  '"+"',
  '"-"',
  '<BAREOPER>',
  '"("',
  '")"',
  '"*"',
  '"^"',
  '<QUOTED>',
  '<TERM>',
  '<FUZZY_SLOP>',
  '<PREFIXTERM>',
  '<WILDTERM>',
  '<REGEXPTERM>',
  '"["',
  '"{"',
  '<NUMBER>',
];

const SPECIAL = new Set([...' \t\n\r\u3000+-!():^[]"{}~\\/']);

function lex(query: string): Tok[] {
  const tokens: Tok[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i] ?? '';
    if (/[\s\u3000]/.test(c)) {
      i++;
      continue;
    }
    const two = query.slice(i, i + 2);
    if (two === '&&' || two === '||') {
      tokens.push({ kind: two === '&&' ? 'AND' : 'OR', image: two, at: i });
      i += 2;
      continue;
    }
    if ('+-()^:[]{}~!'.includes(c)) {
      const kind = (c === '!' ? 'NOT' : c) as Kind;
      tokens.push({ kind, image: c, at: i });
      i++;
      if (c === '~' || c === '^') {
        // Fuzzy slop and boost carry their number in the same token.
        const num = /^\d+(\.\d+)?/.exec(query.slice(i))?.[0] ?? '';
        i += num.length;
      }
      continue;
    }
    if (c === '"' || c === '/') {
      let j = i + 1;
      while (j < query.length && query[j] !== c) j += query[j] === '\\' ? 2 : 1;
      if (j >= query.length) {
        const after = query.slice(i).replace(/\\/g, '\\\\').replace(/"/g, '\\"');
        throw new LuceneSyntaxError(
          `Lexical error at line 1, column ${query.length + 1}.  Encountered: <EOF> after : "${after}"`,
          true,
        );
      }
      tokens.push({ kind: c === '"' ? 'QUOTED' : 'REGEXP', image: query.slice(i, j + 1), at: i });
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < query.length) {
      const ch = query[j] ?? '';
      if (ch === '\\') j += 2;
      else if (SPECIAL.has(ch) && !(j > i && (ch === '-' || ch === '+'))) break;
      else j++;
    }
    const image = query.slice(i, j);
    const kind: Kind =
      image === 'AND' || image === 'OR' || image === 'NOT' || image === 'TO' ? image : 'TERM';
    tokens.push({ kind, image, at: i });
    i = j;
  }
  tokens.push({ kind: 'EOF', image: '', at: query.length });
  return tokens;
}

function unexpected(tok: Tok, expected: string[]): LuceneSyntaxError {
  const seen =
    tok.kind === 'EOF'
      ? '<EOF>'
      : ` ${IMAGE[tok.kind] ?? `"${tok.kind}"`} "${tok.image.replace(/\\/g, '\\\\').replace(/"/g, '\\"')} "`;
  const list =
    expected.length === 1
      ? `Was expecting:\n    ${expected[0]} ...\n    `
      : `Was expecting one of:\n${expected.map((e) => `    ${e} ...\n`).join('')}    `;
  return new LuceneSyntaxError(
    `Encountered "${seen}" at line 1, column ${tok.at}.\n${list}`,
    false,
  );
}

export function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

/** The classic parser: operators set the occur of their neighbours (Lucene's addClause). */
export function parseLucene(query: string, defaultAnd: boolean): LuceneNode {
  const tokens = lex(query);
  let pos = 0;
  const peek = () => tokens[pos] as Tok;
  const next = () => tokens[pos++] as Tok;
  const startsClause = (k: Kind) =>
    ['+', '-', 'NOT', '(', 'QUOTED', 'REGEXP', 'TERM', '[', '{'].includes(k);

  function parseQuery(field: string | undefined, expected: string[]): LuceneNode {
    const clauses: { occur: Occur; node: LuceneNode }[] = [];
    let first = true;
    for (;;) {
      let conj: 'AND' | 'OR' | undefined;
      if (!first) {
        const k = peek().kind;
        if (k === 'AND' || k === 'OR') conj = next().kind as 'AND' | 'OR';
        else if (!startsClause(k)) break;
      }
      let mod: 'req' | 'not' | undefined;
      const m = peek().kind;
      if (m === '+' || m === '-' || m === 'NOT') {
        next();
        mod = m === '+' ? 'req' : 'not';
      }
      const node = parseClause(field, first && !conj && !mod ? expected : QUERY_START);
      const last = clauses.at(-1);
      if (last && conj === 'AND' && last.occur !== 'must_not') last.occur = 'must';
      if (last && defaultAnd && conj === 'OR' && last.occur !== 'must_not') last.occur = 'should';
      const prohibited = mod === 'not';
      const required = defaultAnd
        ? !prohibited && conj !== 'OR'
        : mod === 'req' || (conj === 'AND' && !prohibited);
      clauses.push({ occur: prohibited ? 'must_not' : required ? 'must' : 'should', node });
      first = false;
    }
    const only = clauses[0];
    return clauses.length === 1 && only?.occur === 'should' ? only.node : { kind: 'bool', clauses };
  }

  function parseClause(field: string | undefined, expected: string[]): LuceneNode {
    let tok = peek();
    if (tok.kind === 'TERM' && tokens[pos + 1]?.kind === ':') {
      field = unescape(next().image);
      next();
      expected = CLAUSE_START;
      tok = peek();
    }
    if (tok.kind === '(') {
      next();
      const inner = parseQuery(field, QUERY_START);
      if (peek().kind !== ')') throw unexpected(peek(), AFTER_CLAUSE);
      next();
      skipBoost();
      return inner;
    }
    if (tok.kind === '[' || tok.kind === '{') return parseRange(field);
    if (tok.kind === 'QUOTED' || tok.kind === 'REGEXP' || tok.kind === 'TERM') {
      next();
      while (peek().kind === '~' || peek().kind === '^') next();
      if (tok.kind === 'TERM') {
        return {
          kind: 'term',
          field,
          text: tok.image,
          quoted: false,
          regexp: false,
          wildcard: /(^|[^\\])[*?]/.test(tok.image),
        };
      }
      const text = tok.image.slice(1, -1);
      return {
        kind: 'term',
        field,
        text: tok.kind === 'QUOTED' ? unescape(text) : text,
        quoted: tok.kind === 'QUOTED',
        regexp: tok.kind === 'REGEXP',
        wildcard: false,
      };
    }
    throw unexpected(tok, expected);
  }

  function skipBoost(): void {
    while (peek().kind === '^') next();
  }

  function rangeEnd(): string {
    const tok = next();
    if (tok.kind !== 'TERM' && tok.kind !== 'QUOTED')
      throw unexpected(tok, ['<RANGE_QUOTED> ...', '<RANGE_GOOP>']);
    return tok.kind === 'QUOTED' ? unescape(tok.image.slice(1, -1)) : unescape(tok.image);
  }

  function parseRange(field: string | undefined): LuceneNode {
    const open = next().kind;
    const lower = rangeEnd();
    if (peek().kind === 'TO') next();
    const upper = rangeEnd();
    const close = next();
    if (close.kind !== ']' && close.kind !== '}') throw unexpected(close, ['"]"', '"}"']);
    skipBoost();
    return {
      kind: 'range',
      field,
      lower,
      upper,
      includeLower: open === '[',
      includeUpper: close.kind === ']',
    };
  }

  const root = parseQuery(undefined, QUERY_START);
  if (peek().kind !== 'EOF') throw unexpected(peek(), AFTER_CLAUSE);
  return root;
}
