import { LogsiftError, type Language } from '../../../model';
import { compileSearchToDsl } from '../../../query/dsl/compile';
import { luceneToDsl } from '../../../query/dsl/lucene';
import { logqlToDsl } from '../../../query/dsl/logql';
import type { EsFieldType } from '../../../query/dsl/types';
import { parseKQL } from '../../../query/kql';
import type { FieldCap } from './fieldCaps';
import type { Dsl } from './search';

export const ES_LANGUAGES: readonly Language[] = ['kql', 'lucene', 'logql'];

export interface CompiledUserQuery {
  dsl: Dsl;
  /** The text sent as a query string, when it was, so Lucene's error positions apply to it. */
  lucene: string | undefined;
}

/**
 * The user's query in the DSL: KQL as Kibana maps it, Lucene as a query_string, and LogQL's
 * common subset (stream matchers, line filters) with what has no equivalent refused by name.
 */
export function compileUserQuery(
  language: Language,
  text: string,
  caps: Map<string, FieldCap>,
  fieldMap: Record<string, string>,
  messageField: string,
): CompiledUserQuery {
  if (language === 'lucene') return { dsl: luceneToDsl(text), lucene: text };
  const fields: Record<string, EsFieldType> = {};
  for (const [name, cap] of caps) fields[name] = cap.type;
  if (language === 'kql') {
    return { dsl: compileSearchToDsl(parseKQL(text), { fields, fieldMap }), lucene: undefined };
  }
  if (language === 'logql') {
    return { dsl: logqlToDsl(text, { fields, fieldMap, messageField }), lucene: undefined };
  }
  throw new LogsiftError(
    'unsupported',
    `this Elasticsearch datasource answers KQL, Lucene and LogQL; ${language} cannot be translated yet`,
  );
}
