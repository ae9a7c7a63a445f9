import { linter } from '@codemirror/lint';
import { StateField, type Extension } from '@codemirror/state';
import type { Language } from '../../../model';
import { lintOffThread } from './lintClient';
import { toDiagnostics } from './queryLint';

/** Pause after the last keystroke before the query is parsed again. */
export const LINT_DELAY_MS = 300;

/**
 * Whether the text changed since the editor opened. The query it opens with was run, and its
 * mistake is marked from the server's answer, so the parsers' worker (a chunk as big as a
 * third of the first page's JS) is fetched only once someone edits.
 */
const edited = StateField.define<boolean>({
  create: () => false,
  update: (value, tr) => value || tr.docChanged,
});

/**
 * Underlines the parser's mistake while typing; no network, the parsers run in the browser.
 * CodeMirror drops an answer that arrives after the text changed again.
 */
export function queryLinter(language: Language | undefined): Extension {
  return [
    edited,
    linter(
      async (view) =>
        view.state.field(edited)
          ? toDiagnostics(await lintOffThread(language, view.state.doc.toString()))
          : [],
      { delay: LINT_DELAY_MS },
    ),
  ];
}
