import type { LintRequest, LintAnswer } from './lintClient';
import { lintQuery } from './queryLint';

/** The parsers in a thread of their own: a 64 KB query takes tens of milliseconds to parse. */
self.onmessage = (event: MessageEvent<LintRequest>) => {
  const { id, language, text } = event.data;
  const answer: LintAnswer = { id, diagnostics: lintQuery(language, text) };
  self.postMessage(answer);
};
