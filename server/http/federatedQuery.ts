import { LogsiftError, type Language } from '../../model';
import {
  insightsToSearch,
  logqlToInsights,
  logqlToKql,
  parseInsights,
  parseKQL,
  parseLogQL,
  searchToInsights,
  searchToKql,
  searchToLogql,
} from '../../query';
import type { Datasource, ResolvedQuery } from '../datasources/datasource';

/** Whether a name is one of the datasource's stream labels: LogQL selectors can use only those. */
type LabelTest = (name: string) => boolean;
type Translator = (query: string, isLabel: LabelTest) => string;

/** What query/ can write, by source language then target language. */
const TRANSLATORS: Partial<Record<Language, Partial<Record<Language, Translator>>>> = {
  logql: {
    kql: (query) => logqlToKql(query),
    insights: (query) => logqlToInsights(parseLogQL(query)),
  },
  kql: {
    logql: (query, isLabel) => searchToLogql(parseKQL(query), isLabel),
    insights: (query) => searchToInsights(parseKQL(query)),
  },
  insights: {
    kql: (query) => searchToKql(insightsToSearch(parseInsights(query))),
    logql: (query, isLabel) => searchToLogql(insightsToSearch(parseInsights(query)), isLabel),
  },
};

export interface SourceQuery {
  language: Language;
  query: string;
  /** Written by Logsift from the request's language: shown as the query this source ran. */
  translated: boolean;
}

/**
 * The language a datasource runs a request of `language` in: that one when it speaks it,
 * else the first of its own (its native one first) that query/ translates to.
 */
export function sourceLanguage(ds: Datasource, language: Language): Language {
  if (ds.languages.includes(language)) return language;
  const target = ds.languages.find((to) => TRANSLATORS[language]?.[to] !== undefined);
  if (target) return target;
  throw new LogsiftError(
    'unsupported',
    `${ds.id} answers ${ds.languages.join(', ')}; Logsift cannot translate ${language} to any of them`,
  );
}

/**
 * The request's query as one datasource of a federated request runs it. A translation to
 * LogQL asks the datasource for its labels first, since only they can make the selector.
 * What has no equivalent is refused by name, with its place in the user's text.
 */
export async function queryForSource(
  ds: Datasource,
  req: Pick<ResolvedQuery, 'language' | 'query' | 'fromMs' | 'toMs'>,
  signal: AbortSignal,
): Promise<SourceQuery> {
  const to = sourceLanguage(ds, req.language);
  const translate = TRANSLATORS[req.language]?.[to];
  if (to === req.language || !translate) {
    return { language: req.language, query: req.query, translated: false };
  }
  let isLabel: LabelTest = () => false;
  if (to === 'logql') {
    const fields = await ds.fields({ fromMs: req.fromMs, toMs: req.toMs, language: to }, signal);
    const labels = new Set(fields.filter((f) => f.type === 'label').map((f) => f.name));
    isLabel = (name) => labels.has(name);
  }
  try {
    return { language: to, query: translate(req.query, isLabel), translated: true };
  } catch (error) {
    if (error instanceof LogsiftError && error.code === 'unsupported') {
      throw new LogsiftError(
        'unsupported',
        `${ds.id} runs ${to}, and the translation stopped: ${error.message}`,
        error.position,
      );
    }
    throw error;
  }
}
