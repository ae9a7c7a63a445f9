import type { FilterExpr } from '../ir';

/** Go's strconv.Unquote reads what JSON.stringify writes. */
const quote = (text: string): string => JSON.stringify(text);

const onMessage = (expr: FilterExpr): boolean =>
  'field' in expr && expr.field !== null && !expr.field.wildcard && expr.field.name === 'message';

/**
 * A clause on the log line (the `message` field) as a LogQL line filter, if it is one: a
 * contained phrase `|= "…"`, a regular expression `|~ "…"`, and their negations.
 */
export function lineFilterOf(expr: FilterExpr): string | undefined {
  const negated = expr.kind === 'not';
  const inner = expr.kind === 'not' ? expr.operand : expr;
  if (!onMessage(inner)) return undefined;
  if (inner.kind === 'regexp') return `${negated ? '!~' : '|~'} ${quote(inner.pattern)}`;
  if (inner.kind !== 'is') return undefined;
  const v = inner.value;
  let text: string | undefined;
  if (v.kind === 'phrase') text = v.value;
  else if (v.kind === 'literal' && typeof v.value === 'string') text = v.value;
  else if (v.kind === 'wildcard') {
    const [first, middle, last, ...more] = v.parts;
    if (first === '' && last === '' && middle !== undefined && more.length === 0) text = middle;
  }
  return text === undefined ? undefined : `${negated ? '!=' : '|='} ${quote(text)}`;
}
