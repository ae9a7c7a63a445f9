import { HighlightStyle, LRLanguage, syntaxHighlighting } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { tags as t } from '@lezer/highlight';
import type { Language } from '../../model';
import { insightsParser } from '../../query/insights';
import { kqlParser } from '../../query/kql';
import { logqlLanguage } from './logqlLanguage';

/** The names users know from Grafana, Kibana and the CloudWatch console. */
export const LANGUAGE_LABELS: Record<Language, string> = {
  logql: 'LogQL',
  kql: 'KQL',
  lucene: 'Lucene',
  insights: 'Logs Insights',
};

export const PLACEHOLDERS: Record<Language, string> = {
  logql: '{namespace="shop"} |= "error" | json',
  kql: 'namespace:"shop" and not level:"info"  (empty: everything)',
  lucene: 'namespace:"shop" AND NOT level:info  (empty: everything)',
  insights: 'fields @timestamp, @message | filter @message like /error/',
};

// The KQL grammar carries its styleTags (query/kql/highlight.ts); only the colours live here.
const kqlLanguage = LRLanguage.define({ name: 'kql', parser: kqlParser });
// So does the Logs Insights grammar (query/insights/highlight.ts).
const insightsLanguage = LRLanguage.define({ name: 'insights', parser: insightsParser });

/** One palette for every language; colours follow Grafana's dark theme. */
const queryHighlight = syntaxHighlighting(
  HighlightStyle.define([
    { tag: [t.labelName, t.propertyName], color: 'var(--syntax-label)' },
    { tag: t.string, color: 'var(--syntax-string)' },
    { tag: t.number, color: 'var(--syntax-number)' },
    { tag: [t.operator, t.compareOperator], color: 'var(--syntax-operator)' },
    { tag: [t.keyword, t.logicOperator], color: 'var(--syntax-keyword)' },
    { tag: t.function(t.name), color: 'var(--syntax-function)' },
    { tag: [t.punctuation, t.paren, t.brace], color: 'var(--syntax-punctuation)' },
    { tag: t.comment, color: 'var(--syntax-comment)' },
  ]),
);

/** Highlighting for the language; Lucene has no grammar here and stays plain. */
export function languageSupport(language: Language | undefined): Extension {
  switch (language) {
    case 'logql':
      return [logqlLanguage, queryHighlight];
    case 'kql':
      return [kqlLanguage, queryHighlight];
    case 'insights':
      return [insightsLanguage, queryHighlight];
    default:
      return [];
  }
}
