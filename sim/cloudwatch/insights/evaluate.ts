import { AGGREGATES } from './aggregates';
import type { Expr, Value } from './ast';
import { FUNCTIONS } from './functions';
import type { Row } from './row';
import { compareValues, toNumber, toText, truthy } from './values';

function equal(a: Value, b: Value): boolean {
  if (a === undefined || b === undefined) return false;
  const na = toNumber(a);
  const nb = toNumber(b);
  if (na !== undefined && nb !== undefined) return na === nb;
  return toText(a) === toText(b);
}

function order(a: Value, b: Value): number | undefined {
  if (a === undefined || b === undefined) return undefined;
  const na = toNumber(a);
  const nb = toNumber(b);
  if (na !== undefined && nb !== undefined) return na - nb;
  return compareValues(a, b);
}

function matches(expr: Expr, row: Row, value: Value): boolean {
  const target = toText(value);
  if (target === undefined) return false;
  if (expr.type === 'regex') {
    expr.regex.lastIndex = 0;
    return expr.regex.test(target);
  }
  return target.includes(toText(evaluate(expr, row)) ?? '');
}

function arithmetic(op: string, a: number, b: number): number | undefined {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return b === 0 ? undefined : a / b;
    case '%':
      return b === 0 ? undefined : a % b;
    default:
      return a ** b;
  }
}

function binary(expr: Extract<Expr, { type: 'binary' }>, row: Row): Value {
  const { op, left, right } = expr;
  if (op === 'and') return truthy(evaluate(left, row)) && truthy(evaluate(right, row));
  if (op === 'or') return truthy(evaluate(left, row)) || truthy(evaluate(right, row));
  const a = evaluate(left, row);
  switch (op) {
    case 'like':
    case '=~':
      return matches(right, row, a);
    case 'not like':
      return !matches(right, row, a);
    case 'in':
    case 'not in': {
      const items = right.type === 'list' ? right.items : [right];
      const found = items.some((item) => equal(a, evaluate(item, row)));
      return op === 'in' ? found : a !== undefined && !found;
    }
  }
  const b = evaluate(right, row);
  switch (op) {
    case '=':
      return equal(a, b);
    case '!=':
      return a !== undefined && b !== undefined && !equal(a, b);
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const c = order(a, b);
      if (c === undefined) return false;
      return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
    }
    default: {
      const na = toNumber(a);
      const nb = toNumber(b);
      return na === undefined || nb === undefined ? undefined : arithmetic(op, na, nb);
    }
  }
}

/** The value of an expression for one row (aggregates have none outside `stats`). */
export function evaluate(expr: Expr, row: Row): Value {
  switch (expr.type) {
    case 'field':
      return row.get(expr.name);
    case 'literal':
      return expr.value;
    case 'regex':
      return expr.regex.source;
    case 'duration':
      return expr.ms;
    case 'star':
      return true;
    case 'list':
      return undefined;
    case 'unary': {
      const v = evaluate(expr.arg, row);
      if (expr.op === 'not') return !truthy(v);
      const n = toNumber(v);
      return n === undefined ? undefined : -n;
    }
    case 'binary':
      return binary(expr, row);
    case 'call': {
      const f = FUNCTIONS[expr.name];
      if (!f) return undefined;
      const timestamp = toNumber(row.get('@timestamp'));
      return f(
        expr.args.map((a) => evaluate(a, row)),
        { timestamp },
      );
    }
  }
}

/** The row with the oldest (`earliest`) or newest (`latest`) `@timestamp`. */
function rowAtEdge(rows: Row[], newest: boolean): Row | undefined {
  let edge: { row: Row; ms: number } | undefined;
  for (const row of rows) {
    const ms = toNumber(row.get('@timestamp'));
    if (ms !== undefined && (!edge || (newest ? ms > edge.ms : ms < edge.ms))) edge = { row, ms };
  }
  return edge?.row;
}

/** The value of a `stats` expression over a group: aggregates fold, the rest read the first row. */
export function evaluateOver(expr: Expr, rows: Row[]): Value {
  if (expr.type === 'call' && (expr.name === 'earliest' || expr.name === 'latest')) {
    const row = rowAtEdge(rows, expr.name === 'latest');
    return row && expr.args[0] ? evaluate(expr.args[0], row) : undefined;
  }
  if (expr.type === 'call' && AGGREGATES[expr.name]) {
    const [first, ...rest] = expr.args;
    const values = first ? rows.map((r) => evaluate(first, r)) : rows.map(() => true);
    const params = rest.map((p) => (rows[0] ? evaluate(p, rows[0]) : undefined));
    return (AGGREGATES[expr.name] as (v: Value[], p: Value[]) => Value)(values, params);
  }
  if (expr.type === 'binary') {
    const a = toNumber(evaluateOver(expr.left, rows));
    const b = toNumber(evaluateOver(expr.right, rows));
    return a === undefined || b === undefined ? undefined : arithmetic(expr.op, a, b);
  }
  if (expr.type === 'call') {
    const f = FUNCTIONS[expr.name];
    return f?.(
      expr.args.map((a) => evaluateOver(a, rows)),
      { timestamp: undefined },
    );
  }
  return rows[0] ? evaluate(expr, rows[0]) : undefined;
}
