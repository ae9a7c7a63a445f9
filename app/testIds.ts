/** Test ids shared by components and the Playwright page objects (DESIGN.md names them). */
export const testIds = {
  queryEditor: 'query-editor',
  runQuery: 'run-query',
  datasourcePicker: 'datasource-picker',
  timeRange: 'time-range',
  histogram: 'histogram',
  facets: 'facets',
  facetValue: 'facet-value',
  logRow: 'log-row',
  logList: 'log-list',
  logDetails: 'log-details',
  tailToggle: 'tail-toggle',
  error: 'error',
  resultCount: 'result-count',
  inspectToggle: 'inspect-toggle',
  explain: 'explain',
  explainRequest: 'explain-request',
} as const;
