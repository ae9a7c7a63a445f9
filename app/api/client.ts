import type { ApiErrorBody, LogRecord } from '../../model';
import { signInNeeded } from '../auth/session';
import { readWithFirstRecords } from './firstRecords';

/** The server's error answer, kept whole so the editor can underline its position. */
export class ApiRequestError extends Error {
  readonly body: ApiErrorBody;
  readonly status: number;
  /** The whole answer: a 409 carries `current`, an import's 400 `problems`. */
  readonly answer: unknown;
  constructor(status: number, body: ApiErrorBody, answer?: unknown) {
    super(body.message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.body = body;
    this.answer = answer;
  }
}

/** API URLs are relative to <base href>, so Logsift works under an Ingress path prefix. */
export function apiUrl(path: string): string {
  return new URL(path.replace(/^\//, ''), document.baseURI).toString();
}

export async function apiFetch<T>(
  path: string,
  init: RequestInit & {
    signal?: AbortSignal;
    /** Hears the first screen of a query answer's records before the whole body is read. */
    onFirstRecords?: (records: LogRecord[]) => void;
  },
): Promise<T> {
  const { onFirstRecords, ...request } = init;
  const response = await fetch(apiUrl(path), {
    ...request,
    // Only a request with a body says it is JSON: Fastify refuses an empty JSON body (a DELETE).
    headers: {
      ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...request.headers,
    },
  });
  const text =
    onFirstRecords && response.ok
      ? await readWithFirstRecords(response, onFirstRecords)
      : await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    if (response.status === 401) signInNeeded();
    const error = (body as { error?: ApiErrorBody } | undefined)?.error;
    throw new ApiRequestError(
      response.status,
      error ?? { code: 'internal', message: `the server answered ${response.status}` },
      body,
    );
  }
  return body as T;
}

export const postJson = <T>(
  path: string,
  payload: unknown,
  signal?: AbortSignal,
  onFirstRecords?: (records: LogRecord[]) => void,
): Promise<T> =>
  apiFetch<T>(path, {
    method: 'POST',
    body: JSON.stringify(payload),
    ...(signal ? { signal } : {}),
    ...(onFirstRecords ? { onFirstRecords } : {}),
  });
