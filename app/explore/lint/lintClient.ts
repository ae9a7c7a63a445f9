import type { Language } from '../../../model';
import { lintQuery, type QueryDiagnostic } from './queryLint';

export interface LintRequest {
  id: number;
  language: Language | undefined;
  text: string;
}

export interface LintAnswer {
  id: number;
  diagnostics: QueryDiagnostic[];
}

let worker: Worker | undefined;
let nextId = 0;
const waiting = new Map<number, (diagnostics: QueryDiagnostic[]) => void>();

function lintWorker(): Worker | undefined {
  if (worker || typeof Worker === 'undefined') return worker;
  worker = new Worker(new URL('./lint.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<LintAnswer>) => {
    waiting.get(event.data.id)?.(event.data.diagnostics);
    waiting.delete(event.data.id);
  };
  return worker;
}

/**
 * The query's mistakes, found off the main thread so typing never waits for a parse; where
 * there are no workers (tests), found here.
 */
export function lintOffThread(
  language: Language | undefined,
  text: string,
): Promise<QueryDiagnostic[]> {
  const thread = lintWorker();
  if (!thread) return Promise.resolve(lintQuery(language, text));
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    const request: LintRequest = { id, language, text };
    thread.postMessage(request);
  });
}
