export { compileSearchToDsl } from './compile';
export { luceneToDsl } from './lucene';
export { logqlToDsl, logqlToSearch, type LogqlDslOptions } from './logql';
export type { EsFieldType, EsQuery, SearchDslOptions } from './types';
