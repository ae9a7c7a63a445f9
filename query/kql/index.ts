export { parseKQL } from './parse';
/** The lezer KQL parser with highlighting props, for CodeMirror's `LRLanguage.define`. */
export { parser as kqlParser } from './parser';
export { logqlToKql, searchToKql } from './serialize';
