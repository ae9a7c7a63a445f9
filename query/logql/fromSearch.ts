import { LogsiftError } from '../../model';
import type { FilterExpr, SearchQueryIR, SearchValue } from '../ir';

/** Whether a name is one of the Loki's labels (stream labels, not parsed fields). */
export type LabelTest = (name: string) => boolean;

const RE2_SPECIAL = /[\\.+*?()|[\]{}^$]/g;
const reEscape = (text: string) => text.replace(RE2_SPECIAL, '\\$&');
/** Go's strconv.Unquote reads what JSON.stringify writes for these strings. */
const quote = (text: string) => JSON.stringify(text);

function valueText(value: SearchValue): string | undefined {
  if (value.kind === 'wildcard') return undefined;
  return value.value === null ? 'null' : String(value.value);
}

function valuePattern(value: SearchValue): string {
  return value.kind === 'wildcard'
    ? value.parts.map(reEscape).join('.*')
    : reEscape(valueText(value) ?? '');
}

function refuse(what: string, node: { pos: { from: number; to: number } }): never {
  throw new LogsiftError('unsupported', `${what} has no LogQL equivalent for Loki`, node.pos);
}

interface Parts {
  matchers: string[];
  positive: boolean;
  filters: string[];
}

function isLabel(
  node: FilterExpr,
  labels: LabelTest,
): node is Extract<FilterExpr, { kind: 'is' }> & {
  field: NonNullable<Extract<FilterExpr, { kind: 'is' }>['field']>;
} {
  return (
    node.kind === 'is' && node.field !== null && !node.field.wildcard && labels(node.field.name)
  );
}

/** `a or b or c` on one label: one regex matcher, as Grafana writes multi-value filters. */
function labelAlternatives(
  node: Extract<FilterExpr, { operands: FilterExpr[] }>,
  labels: LabelTest,
): string | undefined {
  const leaves = node.operands;
  const first = leaves[0];
  if (!first || !isLabel(first, labels)) return undefined;
  const name = first.field.name;
  if (!leaves.every((l) => isLabel(l, labels) && l.field.name === name)) return undefined;
  const patterns = leaves.map((l) =>
    valuePattern((l as Extract<FilterExpr, { kind: 'is' }>).value),
  );
  return `${name}=~${quote(patterns.join('|'))}`;
}

function addClause(node: FilterExpr, labels: LabelTest, out: Parts): void {
  if (node.kind === 'all') return;
  if (node.kind === 'and') {
    for (const operand of node.operands) addClause(operand, labels, out);
    return;
  }
  if (isLabel(node, labels)) {
    const text = valueText(node.value);
    out.matchers.push(
      text === undefined
        ? `${node.field.name}=~${quote(valuePattern(node.value))}`
        : `${node.field.name}=${quote(text)}`,
    );
    out.positive = true;
    return;
  }
  if (node.kind === 'exists' && labels(node.field.name)) {
    out.matchers.push(`${node.field.name}=~".+"`);
    out.positive = true;
    return;
  }
  if (node.kind === 'or') {
    const alternatives = labelAlternatives(node, labels);
    if (alternatives) {
      out.matchers.push(alternatives);
      out.positive = true;
      return;
    }
    const texts = node.operands.every((o) => o.kind === 'is' && o.field === null);
    if (texts) {
      const patterns = node.operands.map((o) =>
        valuePattern((o as Extract<FilterExpr, { kind: 'is' }>).value),
      );
      out.filters.push(`|~ ${quote(`(?i)(${patterns.join('|')})`)}`);
      return;
    }
    refuse('"or" across different fields', node);
  }
  if (node.kind === 'not') {
    const inner = node.operand;
    if (isLabel(inner, labels)) {
      const text = valueText(inner.value);
      out.matchers.push(
        text === undefined
          ? `${inner.field.name}!~${quote(valuePattern(inner.value))}`
          : `${inner.field.name}!=${quote(text)}`,
      );
      return;
    }
    if (inner.kind === 'is' && inner.field === null) {
      out.filters.push(`!~ ${quote(`(?i)${valuePattern(inner.value)}`)}`);
      return;
    }
    refuse('"not" of this clause', node);
  }
  if (node.kind === 'is' && node.field === null) {
    // KQL's free text matches words case-insensitively, as the analyzed message does.
    out.filters.push(`|~ ${quote(`(?i)${valuePattern(node.value)}`)}`);
    return;
  }
  if (node.kind === 'is' || node.kind === 'exists' || node.kind === 'range') {
    refuse(
      `field "${node.field?.name ?? ''}" (not a Loki label; write it in LogQL after | json or | logfmt)`,
      node,
    );
  }
  refuse(`KQL ${node.kind}`, node);
}

/**
 * KQL for Loki: clauses on Loki's labels become the stream selector, free text becomes
 * case-insensitive line filters; what only a parsed field could answer is refused by name.
 */
export function searchToLogql(ir: SearchQueryIR, labels: LabelTest): string {
  const out: Parts = { matchers: [], positive: false, filters: [] };
  if (ir.filter) addClause(ir.filter, labels, out);
  if (!out.positive) {
    throw new LogsiftError(
      'unsupported',
      'Loki needs at least one label to select streams, e.g. namespace:"…"',
      ir.pos,
    );
  }
  return [`{${out.matchers.join(', ')}}`, ...out.filters].join(' ');
}
