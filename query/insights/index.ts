export type * from './commands';
export { parseInsights } from './parse';
/** The lezer Logs Insights parser with highlighting props, for CodeMirror's `LRLanguage.define`. */
export { parser as insightsParser } from './parser';
