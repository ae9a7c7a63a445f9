export type * from './commands';
export { parseInsights } from './parse';
export { insightsShape, insightsToSearch, type InsightsShape } from './shape';
export { DEFAULT_INSIGHTS_FIELD_MAP, insightsFieldMap, type InsightsFieldMap } from './fieldMap';
export {
  insightsFacetQuery,
  insightsHistogramQuery,
  insightsLogQuery,
  LOG_FIELDS,
  type InsightsSelection,
} from './queries';
export { searchToInsights, searchToInsightsFilter, searchToInsightsSelection } from './fromSearch';
export { logqlToInsights, logqlToInsightsSelection } from './fromLogql';
/** The lezer Logs Insights parser with highlighting props, for CodeMirror's `LRLanguage.define`. */
export { parser as insightsParser } from './parser';
