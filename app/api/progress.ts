import type { ApiErrorBody, QueryProgress, QueryResponse } from '../../model';
import { ApiRequestError, apiUrl } from './client';
import { signInNeeded } from '../auth/session';

type Line =
  | ({ type: 'progress' } & QueryProgress)
  | ({ type: 'result' } & QueryResponse)
  | { type: 'error'; status: number; error: ApiErrorBody };

function settle(line: Line, onProgress: (p: QueryProgress) => void): QueryResponse | undefined {
  if (line.type === 'progress') {
    onProgress(
      line.state === 'queued'
        ? { state: 'queued', position: line.position }
        : { state: 'running', records: line.records, stats: line.stats },
    );
    return undefined;
  }
  if (line.type === 'error') throw new ApiRequestError(line.status, line.error);
  return {
    records: line.records,
    stats: line.stats,
    ...(line.cursor !== undefined ? { cursor: line.cursor } : {}),
  };
}

/**
 * POSTs a query asking for its progress (NDJSON): each progress line is handed to
 * `onProgress` as it arrives, the last line is the answer or the error.
 */
export async function postWithProgress(
  path: string,
  payload: unknown,
  onProgress: (progress: QueryProgress) => void,
  signal?: AbortSignal,
): Promise<QueryResponse> {
  const response = await fetch(apiUrl(path), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/x-ndjson' },
    body: JSON.stringify(payload),
    ...(signal ? { signal } : {}),
  });
  if (!response.ok || !response.body) {
    if (response.status === 401) signInNeeded();
    // Refused before it ran (a bad request body): one JSON error, as every route answers.
    const body = (await response.json().catch(() => undefined)) as
      { error?: ApiErrorBody } | undefined;
    throw new ApiRequestError(
      response.status,
      body?.error ?? { code: 'internal', message: `the server answered ${response.status}` },
    );
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  // Read to the end even after the answer line, so the response completes rather than stalls.
  let answer: QueryResponse | undefined;
  for (;;) {
    const { done, value } = await reader.read();
    if (value) {
      // Only the new text is searched: the answer's line may be tens of megabytes.
      let newline = value.indexOf('\n');
      let rest = value;
      while (newline >= 0) {
        const text = buffered + rest.slice(0, newline);
        buffered = '';
        rest = rest.slice(newline + 1);
        if (text.trim() !== '') answer ??= settle(JSON.parse(text) as Line, onProgress);
        newline = rest.indexOf('\n');
      }
      buffered += rest;
    }
    if (done) break;
  }
  if (buffered.trim() !== '') answer ??= settle(JSON.parse(buffered) as Line, onProgress);
  if (answer) return answer;
  throw new ApiRequestError(502, {
    code: 'internal',
    message: 'the answer ended before its result',
  });
}
