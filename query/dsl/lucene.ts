import type { EsQuery } from './types';

/** Lucene syntax goes through untouched, as Kibana sends it; an empty query matches everything. */
export function luceneToDsl(text: string): EsQuery {
  return text.trim() === '' ? { match_all: {} } : { query_string: { query: text } };
}
