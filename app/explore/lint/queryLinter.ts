import { linter } from '@codemirror/lint';
import type { Extension } from '@codemirror/state';
import type { Language } from '../../../model';
import { lintOffThread } from './lintClient';
import { toDiagnostics } from './queryLint';

/** Pause after the last keystroke before the query is parsed again. */
export const LINT_DELAY_MS = 300;

/**
 * Underlines the parser's mistake while typing; no network, the parsers run in the browser.
 * CodeMirror drops an answer that arrives after the text changed again.
 */
export function queryLinter(language: Language | undefined): Extension {
  return linter(
    async (view) => toDiagnostics(await lintOffThread(language, view.state.doc.toString())),
    { delay: LINT_DELAY_MS },
  );
}
