import type { Diagnostic } from '@codemirror/lint';
import { LogsiftError, type Language } from '../../../model';
import { parseInsights } from '../../../query/insights';
import { parseKQL } from '../../../query/kql';
import { parseLogQL } from '../../../query/logql/parse';
import { withBuiltinPlaceholders } from '../../../query/variables';
import { markRange } from '../errorMark';
import { luceneMistake } from './luceneCheck';

/** What a lint finds, before CodeMirror: a range of the text, how bad, and the parser's words. */
export interface QueryDiagnostic {
  from: number;
  to: number;
  severity: 'error' | 'warning';
  message: string;
}

const PARSERS: Partial<Record<Language, (text: string) => unknown>> = {
  logql: parseLogQL,
  kql: parseKQL,
  insights: parseInsights,
};

/**
 * The mistakes the server's own parser finds, so they are underlined while typing rather than
 * after Run. An empty query is left alone: each datasource gives it a meaning (everything, or
 * the console's default Insights query). A LogQL construct Logsift's engine refuses by name is
 * a warning, not an error: a Loki datasource passes LogQL on unchanged and may run it.
 */
export function lintQuery(language: Language | undefined, text: string): QueryDiagnostic[] {
  if (!language || text.trim() === '') return [];
  if (language === 'lucene') return luceneMistake(text);
  const parse = PARSERS[language];
  if (!parse) return [];
  try {
    parse(withBuiltinPlaceholders(text));
    return [];
  } catch (error) {
    if (!(error instanceof LogsiftError)) return [];
    const range = markRange(error.position ?? { from: 0, to: text.length }, text.length);
    if (!range) return [];
    const refused = error.code === 'unsupported' && language === 'logql';
    return [{ ...range, severity: refused ? 'warning' : 'error', message: error.message }];
  }
}

export const toDiagnostics = (found: QueryDiagnostic[]): Diagnostic[] =>
  found.map((d) => ({ ...d, source: 'Logsift' }));
