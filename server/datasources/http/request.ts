import { readFileSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import http from 'node:http';
import https from 'node:https';
import { LogsiftError } from '../../../model';
import type { TlsConfig } from './schema';

/** Bigger answers mean a page size or a query gone wrong; refusing beats running out of memory. */
const MAX_BODY_BYTES = 128 * 1024 * 1024;

export interface TlsOptions {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  rejectUnauthorized: boolean;
}

export function tlsOptionsOf(tls: TlsConfig = {}): TlsOptions {
  return {
    ...(tls.caFile ? { ca: readFileSync(tls.caFile) } : {}),
    ...(tls.certFile ? { cert: readFileSync(tls.certFile) } : {}),
    ...(tls.keyFile ? { key: readFileSync(tls.keyFile) } : {}),
    rejectUnauthorized: tls.insecureSkipVerify !== true,
  };
}

export function agentFor(url: URL, tls: TlsOptions): http.Agent {
  return url.protocol === 'https:'
    ? new https.Agent({ keepAlive: true, maxSockets: 16, ...tls })
    : new http.Agent({ keepAlive: true, maxSockets: 16 });
}

/**
 * UTF-8 text of a body. Backends answer JSON that is nearly always ASCII (non-ASCII is
 * escaped or absent), and ASCII read as Latin-1 is the same text without UTF-8's decoding:
 * 0.2 ms instead of 1.2 ms for a 5,000-line Loki answer.
 */
function textOf(bytes: Buffer): string {
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
}

export interface BackendRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
  agent: http.Agent;
  timeoutMs: number;
  /** Names the backend in messages: "cannot reach Loki". */
  backend: string;
}

/** Status and text of one request; connection failures and the timeout become normalized errors. */
export function sendRequest(
  req: BackendRequest,
  signal: AbortSignal,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const fail = (error: LogsiftError) => {
      done();
      request.destroy();
      reject(error);
    };
    const onAbort = () =>
      fail(new LogsiftError('timeout', 'the query was cancelled or ran out of time'));
    const timer = setTimeout(
      () =>
        fail(
          new LogsiftError('timeout', `${req.backend} did not answer within ${req.timeoutMs} ms`),
        ),
      req.timeoutMs,
    );
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
    const unavailable = (error: Error) => {
      const code = (error as NodeJS.ErrnoException).code;
      return new LogsiftError(
        'backend_unavailable',
        `cannot reach ${req.backend}: ${code ? `${code} ` : ''}${error.message}`.trim(),
      );
    };
    const send = req.url.protocol === 'https:' ? https.request : http.request;
    const headers =
      req.body === undefined ? req.headers : { 'Content-Type': 'application/json', ...req.headers };
    const request = send(req.url, { method: req.method, headers, agent: req.agent }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          fail(
            new LogsiftError(
              'limit',
              `${req.backend}'s answer is larger than ${MAX_BODY_BYTES} bytes`,
            ),
          );
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => {
        done();
        resolve({ status: res.statusCode ?? 0, body: textOf(Buffer.concat(chunks)) });
      });
      res.on('error', (error) => {
        done();
        reject(unavailable(error));
      });
    });
    request.on('error', (error) => {
      done();
      reject(error instanceof LogsiftError ? error : unavailable(error));
    });
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    request.end(req.body);
  });
}
