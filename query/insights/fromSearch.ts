import { LogsiftError, type Position } from '../../model';
import type { FilterExpr, SearchField, SearchQueryIR, SearchValue } from '../ir';
import { DEFAULT_INSIGHTS_FIELD_MAP, type InsightsFieldMap } from './fieldMap';
import { fieldName, quoteString, regexEscape, regexLiteral, valueLiteral } from './literals';
import { insightsLogQuery, type InsightsSelection } from './queries';

/** Binding strength in Insights: or < and < not < a comparison. */
const WEAKER: FilterExpr['kind'][] = ['or', 'and', 'not'];
function strength(kind: FilterExpr['kind']): number {
  const index = WEAKER.indexOf(kind);
  return index < 0 ? WEAKER.length : index;
}

const RANGE_SIGNS = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;

function refuse(construct: string, pos: Position): LogsiftError {
  return new LogsiftError('unsupported', `KQL ${construct} has no Logs Insights equivalent`, pos);
}

/** A KQL query as an Insights condition; '' when it matches every record. */
export function searchToInsightsFilter(
  ir: SearchQueryIR,
  fieldMap: InsightsFieldMap = DEFAULT_INSIGHTS_FIELD_MAP,
): string {
  return ir.filter ? (condition(ir.filter, fieldMap) ?? '') : '';
}

/** The `filter` command a KQL query becomes, for log, histogram and facet queries alike. */
export function searchToInsightsSelection(
  ir: SearchQueryIR,
  fieldMap: InsightsFieldMap = DEFAULT_INSIGHTS_FIELD_MAP,
): InsightsSelection {
  const filter = searchToInsightsFilter(ir, fieldMap);
  return filter ? [`filter ${filter}`] : [];
}

/** A KQL query as a full Insights log query for the newest `limit` records. */
export function searchToInsights(
  ir: SearchQueryIR,
  fieldMap: InsightsFieldMap = DEFAULT_INSIGHTS_FIELD_MAP,
  limit = 1000,
): string {
  return insightsLogQuery(searchToInsightsSelection(ir, fieldMap), limit);
}

/** The condition, or null when it holds for every record (`*:*`). */
function condition(expr: FilterExpr, fieldMap: InsightsFieldMap): string | null {
  switch (expr.kind) {
    case 'and': {
      const parts = expr.operands.map((o) => operand(o, 2, fieldMap)).filter((p) => p !== null);
      return parts.length > 0 ? parts.join(' and ') : null;
    }
    case 'or': {
      const parts = expr.operands.map((o) => operand(o, 1, fieldMap));
      return parts.includes(null) ? null : parts.join(' or ');
    }
    case 'not':
      return negation(expr.operand, fieldMap, expr.pos);
    case 'all':
      return null;
    case 'exists':
      return `ispresent(${field(expr.field, fieldMap)})`;
    case 'is':
    case 'regexp':
      return matches(expr, fieldMap, false);
    case 'range':
      return `${field(expr.field, fieldMap)} ${RANGE_SIGNS[expr.op]} ${value(expr.value, expr.pos)}`;
    case 'nested':
      throw refuse('nested query', expr.pos);
  }
}

function operand(expr: FilterExpr, min: number, fieldMap: InsightsFieldMap): string | null {
  const written = condition(expr, fieldMap);
  return written === null || strength(expr.kind) >= min ? written : `(${written})`;
}

/** `not` written with Insights' own negated operators where there is one. */
function negation(expr: FilterExpr, fieldMap: InsightsFieldMap, pos: Position): string {
  if (expr.kind === 'is' || expr.kind === 'regexp') return matches(expr, fieldMap, true);
  const written = condition(expr, fieldMap);
  if (written === null) throw refuse('not *:* (it matches nothing)', pos);
  return strength(expr.kind) >= 2 ? `not ${written}` : `not (${written})`;
}

/**
 * `field:value` is equality; `field:*sub*` finds a substring and other wildcards match the whole
 * value. Free text searches the message, ignoring case as KQL's analyzed message does.
 */
function matches(
  expr: Extract<FilterExpr, { kind: 'is' | 'regexp' }>,
  fieldMap: InsightsFieldMap,
  negated: boolean,
): string {
  const like = negated ? 'not like' : 'like';
  const regex = negated ? 'not like' : '=~';
  if (expr.kind === 'regexp') {
    // The IR holds Lucene's whole-value regexps; Insights searches inside the value.
    return `${field(expr.field, fieldMap)} ${regex} ${regexLiteral(`^(?:${expr.pattern})$`)}`;
  }
  const v = expr.value;
  if (!expr.field) {
    const pattern =
      v.kind === 'wildcard' ? v.parts.map(regexEscape).join('.*') : regexEscape(String(v.value));
    return `@message ${like} ${regexLiteral(`(?i)${pattern}`)}`;
  }
  const name = field(expr.field, fieldMap);
  if (v.kind !== 'wildcard') return `${name} ${negated ? '!=' : '='} ${value(v, expr.pos)}`;
  const [first, middle, last, ...more] = v.parts;
  if (first === '' && last === '' && middle !== undefined && more.length === 0) {
    return `${name} ${like} ${quoteString(middle)}`;
  }
  return `${name} ${regex} ${regexLiteral(`^${v.parts.map(regexEscape).join('.*')}$`)}`;
}

/** Unquoted numbers compare as numbers; a quoted phrase stays a string. */
function value(v: SearchValue, pos: Position): string {
  switch (v.kind) {
    case 'phrase':
      return quoteString(v.value);
    case 'literal':
      return typeof v.value === 'number' ? String(v.value) : valueLiteral(String(v.value));
    case 'wildcard':
      throw refuse('wildcard in a range', pos);
  }
}

function field(f: SearchField, fieldMap: InsightsFieldMap): string {
  if (f.wildcard) throw refuse(`wildcard field name ${f.name}`, f.pos);
  return fieldName(fieldMap[f.name] ?? f.name, f.pos);
}
