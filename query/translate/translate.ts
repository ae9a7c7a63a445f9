import { LogsiftError, type Language } from '../../model';
import type { FilterExpr, SearchQueryIR } from '../ir';
import {
  DEFAULT_INSIGHTS_FIELD_MAP,
  insightsToSearch,
  logqlToInsights,
  parseInsights,
  searchToInsights,
} from '../insights';
import { logqlToKql, parseKQL, searchToKql } from '../kql';
import { searchToLogql } from '../logql/fromSearch';
import { parseLogQL } from '../logql/parse';
import { lineFilterOf } from './lineFilters';

/**
 * Names that are stream labels in a Kubernetes Loki (Promtail's and the Grafana Agent's
 * defaults, and Loki 3's service_name). The translate route knows no datasource; a Loki
 * datasource that runs KQL asks Loki for its real labels instead (server/datasources/loki).
 */
export const COMMON_LOKI_LABELS: ReadonlySet<string> = new Set([
  ...Object.keys(DEFAULT_INSIGHTS_FIELD_MAP),
  'job',
  'instance',
  'cluster',
  'stream',
  'filename',
  'service_name',
]);

/** Insights' names for the same fields, back to Logsift's normalized names. */
const FROM_INSIGHTS: Record<string, string> = {
  '@message': 'message',
  ...Object.fromEntries(
    Object.entries(DEFAULT_INSIGHTS_FIELD_MAP)
      .reverse()
      .map(([normalized, insights]) => [insights, normalized]),
  ),
};

function renamed(expr: FilterExpr, names: Record<string, string>): FilterExpr {
  switch (expr.kind) {
    case 'and':
    case 'or':
      return { ...expr, operands: expr.operands.map((o) => renamed(o, names)) };
    case 'not':
      return { ...expr, operand: renamed(expr.operand, names) };
    case 'nested':
    case 'all':
      return expr;
    default:
      if (!expr.field) return expr;
      return { ...expr, field: { ...expr.field, name: names[expr.field.name] ?? expr.field.name } };
  }
}

const normalized = (ir: SearchQueryIR): SearchQueryIR =>
  ir.filter ? { ...ir, filter: renamed(ir.filter, FROM_INSIGHTS) } : ir;

/**
 * A search query as LogQL: clauses on the message become line filters, the rest goes to
 * `searchToLogql` (labels into the selector, free text as case-insensitive line filters).
 */
function searchToLogqlLines(ir: SearchQueryIR): string {
  const operands = ir.filter?.kind === 'and' ? ir.filter.operands : ir.filter ? [ir.filter] : [];
  const lines: string[] = [];
  const rest: FilterExpr[] = [];
  for (const operand of operands) {
    const line = lineFilterOf(operand);
    if (line === undefined) rest.push(operand);
    else lines.push(line);
  }
  const filter: FilterExpr | null =
    rest.length > 1 ? { kind: 'and', operands: rest, pos: ir.pos } : (rest[0] ?? null);
  const base = searchToLogql({ ...ir, filter }, (name) => COMMON_LOKI_LABELS.has(name));
  return [base, ...lines].join(' ');
}

function refuse(message: string): never {
  throw new LogsiftError('unsupported', message);
}

/**
 * The query in another language, or the reason it has none: a LogsiftError naming the part
 * that has no equivalent, with its position in the source query. A same-language pair only
 * checks the query.
 */
export function translateQuery(language: Language, query: string, to: Language): string {
  if (language === 'lucene' || to === 'lucene') {
    if (language === to) return query;
    refuse(
      language === 'lucene'
        ? `translating lucene to ${to} is not supported: Lucene is parsed by Elasticsearch itself`
        : `translating ${language} to lucene is not supported: write Lucene by hand`,
    );
  }
  switch (`${language}>${to}`) {
    case 'logql>logql':
      parseLogQL(query);
      return query;
    case 'kql>kql':
      parseKQL(query);
      return query;
    case 'insights>insights':
      parseInsights(query);
      return query;
    case 'logql>kql':
      return logqlToKql(query);
    case 'logql>insights':
      return logqlToInsights(parseLogQL(query));
    case 'kql>insights':
      return searchToInsights(parseKQL(query));
    case 'kql>logql':
      return searchToLogqlLines(parseKQL(query));
    case 'insights>kql':
      return searchToKql(normalized(insightsToSearch(parseInsights(query))));
    case 'insights>logql':
      return searchToLogqlLines(normalized(insightsToSearch(parseInsights(query))));
    default:
      return refuse(`translating ${language} to ${to} is not supported yet`);
  }
}
