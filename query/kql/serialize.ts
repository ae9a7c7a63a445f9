import { LogsiftError } from '../../model';
import { logqlToSearch, type LogqlDslOptions } from '../dsl/logql';
import type { FilterExpr, SearchField, SearchQueryIR, SearchValue } from '../ir';

/** Binding strength: or < and < not < a single expression. */
const STRENGTH: Record<FilterExpr['kind'], number> = {
  or: 0,
  and: 1,
  not: 2,
  is: 3,
  range: 3,
  exists: 3,
  all: 3,
  regexp: 3,
  nested: 3,
};

const RANGE_SIGNS = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;

/** A search query written back as KQL that parses to the same tree. */
export function searchToKql(ir: SearchQueryIR): string {
  return ir.filter ? write(ir.filter) : '';
}

/** LogQL's common subset as KQL, for the translate button; refusals as logqlToDsl's. */
export function logqlToKql(text: string, options: LogqlDslOptions = {}): string {
  return searchToKql(logqlToSearch(text, options));
}

function write(expr: FilterExpr): string {
  switch (expr.kind) {
    case 'and':
    case 'or':
      return expr.operands.map((o) => operand(o, STRENGTH[expr.kind] + 1)).join(` ${expr.kind} `);
    case 'not':
      // NOT takes one sub-query in Kibana's grammar, so even `not not a` needs parentheses.
      return `not ${operand(expr.operand, 3)}`;
    case 'all':
      return '*:*';
    case 'exists':
      return `${field(expr.field)}:*`;
    case 'is':
      return expr.field ? `${field(expr.field)}:${value(expr.value)}` : value(expr.value);
    case 'range':
      return `${field(expr.field)} ${RANGE_SIGNS[expr.op]} ${value(expr.value)}`;
    case 'nested':
      return `${unquoted(expr.path)}:{ ${write(expr.expr)} }`;
    case 'regexp':
      return `${field(expr.field)}:${wildcardOf(expr)}`;
  }
}

function operand(expr: FilterExpr, strength: number): string {
  return STRENGTH[expr.kind] >= strength ? write(expr) : `(${write(expr)})`;
}

/** KQL has no regular expressions; `a.*b` style patterns become wildcards, others are refused. */
function wildcardOf(expr: Extract<FilterExpr, { kind: 'regexp' }>): string {
  const pieces = expr.pattern.split('.*');
  if (pieces.some((p) => /(^|[^\\])[.?+*|()[\]{}]/.test(p))) {
    throw new LogsiftError(
      'unsupported',
      `the regular expression ${expr.pattern} has no KQL equivalent (KQL has only * wildcards)`,
      expr.pos,
    );
  }
  return value({ kind: 'wildcard', parts: pieces.map((p) => p.replace(/\\(.)/g, '$1')) });
}

function field(f: SearchField): string {
  return f.wildcard ? f.name.split('*').map(unquoted).join('*') : unquoted(f.name);
}

function value(v: SearchValue): string {
  switch (v.kind) {
    case 'phrase':
      return `"${v.value.replace(/[\\"]/g, '\\$&')}"`;
    case 'wildcard':
      return v.parts.map(unquoted).join('*');
    case 'literal':
      return typeof v.value === 'string' ? typed(v.value) : String(v.value);
  }
}

/** Unquoted `true` reads as a boolean even when escaped, so such strings are written quoted. */
function typed(text: string): string {
  return ['', 'null', 'true', 'false'].includes(text) ? `"${text}"` : unquoted(text);
}

/**
 * Escapes for an unquoted literal. `not ` is escaped through its `n` as \u006e, since `\n` would
 * read as a newline.
 */
function unquoted(text: string): string {
  return text
    .replace(/[\\():<>"*{}]/g, '\\$&')
    .replace(/(\s)(or|and)(?=\s)/gi, '$1\\$2')
    .replace(
      /(n)(ot\s)/gi,
      (_m, n: string, rest: string) => `\\u00${n === 'n' ? '6e' : '4e'}${rest}`,
    )
    .replace(/\t/g, '\\t')
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n');
}
