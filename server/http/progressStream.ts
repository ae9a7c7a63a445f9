import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HTTP_STATUS, LogsiftError, type QueryProgress } from '../../model';
import type { QueryPages } from '../datasources/datasource';
import { queryResponseChunks } from './jsonStream';

export const NDJSON = 'application/x-ndjson';

/** Clients that can show a query's progress ask for it; the others get one JSON answer. */
export function wantsProgress(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes(NDJSON);
}

/** What went wrong, as the line that ends the stream: the status it would have had, and the body. */
function errorLine(error: unknown, request: FastifyRequest): string {
  if (error instanceof LogsiftError) {
    return JSON.stringify({
      type: 'error',
      status: HTTP_STATUS[error.code],
      error: error.toBody(),
    });
  }
  request.log.error({ err: error }, 'unexpected error');
  return JSON.stringify({
    type: 'error',
    status: 500,
    error: { code: 'internal', message: 'internal error; the server log has the details' },
  });
}

/**
 * Sends a query as NDJSON: `{"type":"progress",…}` lines while it waits for a slot or runs
 * (CloudWatch Insights: queue place, rows so far), then one `{"type":"result",…}` line with
 * the answer, or `{"type":"error","status",…}`. The status line is sent before the answer is
 * known, so errors travel in the stream, each with the HTTP status it would have had.
 */
export function sendWithProgress(
  request: FastifyRequest,
  reply: FastifyReply,
  answer: (onProgress: (progress: QueryProgress) => void) => Promise<QueryPages>,
): FastifyReply {
  const waiting: string[] = [];
  let wake: (() => void) | undefined;
  const push = (line: string): void => {
    waiting.push(line);
    wake?.();
  };
  let done = false;
  const result = answer((progress) => {
    if (!done) push(`${JSON.stringify({ type: 'progress', ...progress })}\n`);
  }).finally(() => {
    done = true;
    wake?.();
  });
  result.catch(() => undefined);

  async function* lines(): AsyncGenerator<string | Buffer> {
    while (!done || waiting.length > 0) {
      const line = waiting.shift();
      if (line !== undefined) {
        yield line;
        continue;
      }
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
    let pages: QueryPages;
    try {
      pages = await result;
    } catch (error) {
      yield `${errorLine(error, request)}\n`;
      return;
    }
    yield* queryResponseChunks(pages, '{"type":"result",');
    yield '\n';
  }

  return reply
    .type(`${NDJSON}; charset=utf-8`)
    .header('cache-control', 'no-store')
    .send(Readable.from(lines(), { objectMode: false }));
}
