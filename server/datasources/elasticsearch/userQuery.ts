import { LogsiftError, type Language } from '../../../model';
import { compileSearchToDsl } from '../../../query/dsl/compile';
import { luceneToDsl } from '../../../query/dsl/lucene';
import type { EsFieldType } from '../../../query/dsl/types';
import { parseKQL } from '../../../query/kql';
import type { FieldCap } from './fieldCaps';
import type { Dsl } from './search';

export const ES_LANGUAGES: readonly Language[] = ['kql', 'lucene'];

export interface CompiledUserQuery {
  dsl: Dsl;
  /** The text sent as a query string, when it was, so Lucene's error positions apply to it. */
  lucene: string | undefined;
}

/** The user's query in the DSL: KQL as Kibana maps it, Lucene as a query_string. */
export function compileUserQuery(
  language: Language,
  text: string,
  caps: Map<string, FieldCap>,
  fieldMap: Record<string, string>,
): CompiledUserQuery {
  if (language === 'lucene') return { dsl: luceneToDsl(text), lucene: text };
  if (language === 'kql') {
    const fields: Record<string, EsFieldType> = {};
    for (const [name, cap] of caps) fields[name] = cap.type;
    return { dsl: compileSearchToDsl(parseKQL(text), { fields, fieldMap }), lucene: undefined };
  }
  throw new LogsiftError(
    'unsupported',
    `this Elasticsearch datasource answers KQL and Lucene; ${language} cannot be translated yet`,
  );
}
