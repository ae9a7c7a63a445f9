import { LogsiftError, type Language } from '../../../model';
import {
  logqlToInsights,
  logqlToInsightsSelection,
  parseKQL,
  parseLogQL,
  searchToInsightsSelection,
  type InsightsFieldMap,
} from '../../../query';

export const CLOUDWATCH_LANGUAGES: readonly Language[] = ['insights', 'logql', 'kql'];

export interface InsightsText {
  text: string;
  /** Written by Logsift from another language: CloudWatch's positions do not point into it. */
  translated: boolean;
}

/**
 * The user's query as Logs Insights QL. Insights goes to CloudWatch unchanged; KQL and LogQL
 * become the commands that choose the same records (query/insights), with the mapped
 * Kubernetes names; a LogQL metric query becomes its `stats`. The rest is refused by name.
 */
export function toInsights(
  language: Language,
  query: string,
  fieldMap: InsightsFieldMap,
): InsightsText {
  // Nothing asked is everything, in any language: completions ask so before a query exists.
  if (language === 'insights' || query.trim() === '') return { text: query, translated: false };
  if (language === 'kql') {
    const selection = searchToInsightsSelection(parseKQL(query), fieldMap);
    return { text: selection.join('\n| '), translated: true };
  }
  if (language === 'logql') {
    const ir = parseLogQL(query);
    const text =
      ir.kind === 'log'
        ? logqlToInsightsSelection(ir, fieldMap).join('\n| ')
        : logqlToInsights(ir, fieldMap);
    return { text, translated: true };
  }
  throw new LogsiftError(
    'unsupported',
    `this CloudWatch datasource answers Logs Insights QL, LogQL and KQL; ${language} cannot be translated to Insights`,
  );
}
