export { compileSearchToDsl } from './compile';
export { luceneToDsl } from './lucene';
export type { EsFieldType, EsQuery, SearchDslOptions } from './types';
