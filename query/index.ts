export { parseLogQL } from './logql/parse';
export { logqlShape, type LogQLShape } from './logql/shape';
export type * from './ir';
export type * from './engine/types';
export { compileLogQL, compileLogQuery, compileMetricQuery } from './engine/compile';
export { detectLineFields, lineParserOf } from './engine/detectFields';
export { parseKQL, kqlParser, searchToKql, logqlToKql } from './kql';
export { compileSearchToDsl, luceneToDsl, logqlToDsl, logqlToSearch } from './dsl';
export type { EsFieldType, EsQuery, LogqlDslOptions, SearchDslOptions } from './dsl';
export { searchToLogql } from './logql/fromSearch';
export {
  parseInsights,
  insightsParser,
  insightsShape,
  insightsToSearch,
  insightsFieldMap,
  DEFAULT_INSIGHTS_FIELD_MAP,
  insightsLogQuery,
  insightsHistogramQuery,
  insightsFacetQuery,
  LOG_FIELDS,
  searchToInsights,
  searchToInsightsFilter,
  searchToInsightsSelection,
  logqlToInsights,
  logqlToInsightsSelection,
} from './insights';
export type * from './insights';
