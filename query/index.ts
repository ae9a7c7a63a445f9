export { parseLogQL } from './logql/parse';
export type * from './ir';
export type * from './engine/types';
export { compileLogQL, compileLogQuery, compileMetricQuery } from './engine/compile';
