import { LogsiftError, type Position } from '../../model';
import type {
  JsonParser,
  LabelPredicate,
  LogQueryIR,
  MatchOp,
  MetricExpr,
  PipelineStage,
  QueryIR,
} from '../ir';
import { binPeriod } from './durations';
import { DEFAULT_INSIGHTS_FIELD_MAP, type InsightsFieldMap } from './fieldMap';
import { fieldName, quoteString, regexLiteral } from './literals';
import { insightsLogQuery, type InsightsSelection } from './queries';
import { re2ToInsights } from './regex';

/**
 * `| logfmt` becomes CloudWatch's own logfmt reader, `parse @message logfmt as lf`, whose keys are
 * then `lf.key`: it reads quoted values and escapes as logfmt does, and keys with dots or dashes,
 * where a regex per key could not name such keys and would cut quoted values at their spaces.
 */
const LOGFMT_MAP = 'lf';

function refuse(construct: string, pos: Position): LogsiftError {
  return new LogsiftError('unsupported', `LogQL ${construct} has no Logs Insights equivalent`, pos);
}

/** Where each LogQL label of a pipeline lives in CloudWatch, as the stages so far decide. */
interface Names {
  fieldMap: InsightsFieldMap;
  selector: Set<string>;
  parser: 'none' | 'json' | 'logfmt';
  jsonPaths: Map<string, string>;
}

function resolve(label: string, names: Names, pos: Position): string {
  const mapped = names.fieldMap[label];
  let name = mapped ?? label;
  if (mapped === undefined && !names.selector.has(label)) {
    name =
      names.jsonPaths.get(label) ?? (names.parser === 'logfmt' ? `${LOGFMT_MAP}.${label}` : label);
  }
  return fieldName(name, pos);
}

/** Consecutive conditions share one `filter`; a `parse` between them keeps its place. */
class Commands {
  readonly list: string[] = [];
  private pending: string[] = [];
  condition(text: string | null): void {
    if (text) this.pending.push(text);
  }
  command(text: string): void {
    this.flush();
    this.list.push(text);
  }
  flush(): void {
    if (this.pending.length > 0) this.list.push(`filter ${this.pending.join(' and ')}`);
    this.pending = [];
  }
}

const grouped = (parts: string[], joiner: string): string | null =>
  parts.length === 0 ? null : parts.length === 1 ? (parts[0] ?? null) : `(${parts.join(joiner)})`;

function matcher(field: string, op: MatchOp, value: string, pos: Position): string {
  switch (op) {
    // A LogQL label equal to "" is also one that is absent; isempty holds for both.
    case '=':
      return value === '' ? `isempty(${field})` : `${field} = ${quoteString(value)}`;
    case '!=':
      return value === '' ? `not isempty(${field})` : `${field} != ${quoteString(value)}`;
    // Matchers hold for the whole value; Insights regexes search inside it.
    case '=~':
      return `${field} =~ ${regexLiteral(`^(?:${re2ToInsights(value, pos)})$`)}`;
    case '!~':
      return `${field} not like ${regexLiteral(`^(?:${re2ToInsights(value, pos)})$`)}`;
  }
}

function lineFilter(stage: Extract<PipelineStage, { kind: 'lineFilter' }>): string | null {
  const regex = stage.op === '|~' || stage.op === '!~';
  const negated = stage.op === '!=' || stage.op === '!~';
  // An empty value is found in every line: `|= ""` keeps them all, `!= ""` none.
  if (stage.values.includes('')) {
    if (negated) throw refuse(`line filter ${stage.op} "" (it drops every line)`, stage.pos);
    return null;
  }
  const parts = stage.values.map((v) => {
    const pattern = regex ? regexLiteral(re2ToInsights(v, stage.pos)) : quoteString(v);
    return `@message ${negated ? 'not like' : 'like'} ${pattern}`;
  });
  return negated ? parts.join(' and ') : grouped(parts, ' or ');
}

const COMPARE_SIGNS = { '==': '=', '!=': '!=', '>': '>', '>=': '>=', '<': '<', '<=': '<=' };

/** A label filter; null when it always holds in CloudWatch (`__error__=""`: nothing failed). */
function predicate(p: LabelPredicate, names: Names): string | null {
  if ('left' in p) {
    const parts = [predicate(p.left, names), predicate(p.right, names)];
    if (p.kind === 'or' && parts.includes(null)) return null;
    const kept = parts.filter((part) => part !== null);
    // and binds tighter than or, so only an or needs brackets among other conditions.
    return p.kind === 'and' ? kept.join(' and ') || null : grouped(kept, ' or ');
  }
  if (p.name === '__error__' || p.name === '__error_details__') {
    if (p.kind === 'string' && p.op === '=' && p.value === '') return null;
    throw refuse(`filter on ${p.name}`, p.pos);
  }
  const field = resolve(p.name, names, p.pos);
  if (p.kind === 'string') return matcher(field, p.op, p.value, p.pos);
  if (p.unit !== 'none') throw refuse(`${p.unit} comparison`, p.pos);
  return `${field} ${COMPARE_SIGNS[p.op]} ${p.value}`;
}

/** `json a="x.y"`: the label a is CloudWatch's flattened field x.y. */
function jsonPaths(stage: JsonParser, names: Names): void {
  for (const { name, path } of stage.extract) {
    const flattened = path.replace(/\["([^"\]]*)"\]/g, '.$1').replace(/^\./, '');
    if (/[[\]]/.test(flattened)) throw refuse(`json path ${path} into an array`, stage.pos);
    names.jsonPaths.set(name, flattened);
  }
}

function stageCommands(stage: PipelineStage, names: Names, out: Commands): void {
  switch (stage.kind) {
    case 'lineFilter':
      return out.condition(lineFilter(stage));
    case 'labelFilter':
      return out.condition(predicate(stage.predicate, names));
    // CloudWatch discovers the fields of a JSON message by itself.
    case 'json':
      names.parser = 'json';
      return jsonPaths(stage, names);
    case 'logfmt':
      names.parser = 'logfmt';
      return out.command(`parse @message logfmt as ${LOGFMT_MAP}`);
    case 'regexp':
      return out.command(`parse @message ${regexLiteral(re2ToInsights(stage.pattern, stage.pos))}`);
    default:
      // Named as LogQL writes them: lineFormat is line_format.
      throw refuse(
        stage.kind.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
        stage.pos,
      );
  }
}

function selection(
  ir: LogQueryIR,
  fieldMap: InsightsFieldMap,
): { commands: string[]; names: Names } {
  const names: Names = {
    fieldMap,
    selector: new Set(ir.selector.map((m) => m.name)),
    parser: 'none',
    jsonPaths: new Map(),
  };
  const out = new Commands();
  for (const m of ir.selector)
    out.condition(matcher(resolve(m.name, names, m.pos), m.op, m.value, m.pos));
  for (const stage of ir.pipeline) stageCommands(stage, names, out);
  out.flush();
  return { commands: out.list, names };
}

/** The commands a LogQL log query becomes, for log, histogram and facet queries alike. */
export function logqlToInsightsSelection(
  ir: LogQueryIR,
  fieldMap: InsightsFieldMap = DEFAULT_INSIGHTS_FIELD_MAP,
): InsightsSelection {
  return selection(ir, fieldMap).commands;
}

/**
 * LogQL's common subset as a full Insights query: a log query for the newest `limit` records, or
 * a metric query as `stats count(*) by bin(…)`. Anything else is refused by name and position.
 */
export function logqlToInsights(
  ir: QueryIR,
  fieldMap: InsightsFieldMap = DEFAULT_INSIGHTS_FIELD_MAP,
  limit = 1000,
): string {
  if (ir.kind === 'log') return insightsLogQuery(logqlToInsightsSelection(ir, fieldMap), limit);
  return metric(ir.expr, fieldMap);
}

/**
 * `sum by (…) (count_over_time(…[r]))` and `rate`: Loki's windows of r at each step become bins of
 * r, the same counts when the step is the range, as Logsift's histogram asks.
 */
function metric(expr: MetricExpr, fieldMap: InsightsFieldMap): string {
  if (expr.kind === 'range') {
    throw refuse(`${expr.op} without sum (one series per Loki stream)`, expr.pos);
  }
  if (expr.op !== 'sum') throw refuse(`${expr.op} aggregation`, expr.pos);
  if (expr.grouping?.mode === 'without') throw refuse('sum without (…)', expr.pos);
  const inner = expr.inner;
  if (inner.kind !== 'range') throw refuse('nested aggregation', inner.pos);
  if (inner.op !== 'count_over_time' && inner.op !== 'rate') throw refuse(inner.op, inner.pos);
  const { commands, names } = selection(inner.log, fieldMap);
  const by = [
    `bin(${binPeriod(inner.rangeMs)})`,
    ...(expr.grouping?.labels ?? []).map((label) => resolve(label, names, expr.pos)),
  ];
  const count =
    inner.op === 'rate' ? `count(*) / ${inner.rangeMs / 1000} as per_second` : 'count(*)';
  return [...commands, `stats ${count} by ${by.join(', ')}`].join(' | ');
}
