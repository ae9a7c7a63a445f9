import { LogsiftError, type Language } from '../../../model';

export const CLOUDWATCH_LANGUAGES: readonly Language[] = ['insights'];

/**
 * The user's query as Logs Insights QL. Insights goes to CloudWatch unchanged; LogQL and
 * KQL need the compilers of query/insights (issue 5 part 2), which this version lacks.
 */
export function toInsights(language: Language, query: string): string {
  if (language === 'insights') return query;
  throw new LogsiftError(
    'unsupported',
    `this CloudWatch datasource answers Logs Insights QL; ${language} cannot be translated to it yet`,
  );
}
