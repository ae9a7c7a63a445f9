import type { CompletionSource } from '@codemirror/autocomplete';
import type { Language } from '../../../model';
import { logqlCompletions, type CompletionData } from './completions';
import { insightsCompletions } from './insightsCompletions';
import { kqlCompletions } from './kqlCompletions';

/** The completion source of the language the editor is in when the user types. */
export function queryCompletions(
  data: CompletionData,
  language: () => Language | undefined,
): CompletionSource {
  const sources: Partial<Record<Language, CompletionSource>> = {
    logql: logqlCompletions(data),
    kql: kqlCompletions(data),
    insights: insightsCompletions(data),
  };
  return (context) => {
    const lang = language();
    const source = lang && sources[lang];
    return source ? source(context) : null;
  };
}
