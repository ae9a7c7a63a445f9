// @vitest-environment jsdom
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryProgress } from '../../model';
import { ApiRequestError } from './client';
import { postWithProgress } from './progress';

/** Chunks cut anywhere, even inside a line, as the network delivers them. */
function ndjson(chunks: string[]): HttpResponse<ReadableStream> {
  const encoder = new TextEncoder();
  const body = new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(encoder.encode(c));
      controller.close();
    },
  });
  return new HttpResponse(body, { headers: { 'content-type': 'application/x-ndjson' } });
}

const record = {
  id: 'p1',
  ts: '1',
  line: 'GET /',
  labels: {},
  fields: {},
  level: 'info',
  source: 'cw',
};
const stats = { scanned: 1, returned: 1, tookMs: 5, truncated: false };
let seenAccept = '';

const server = setupServer(
  http.post('*/api/v1/query', async ({ request }) => {
    seenAccept = request.headers.get('accept') ?? '';
    const { query } = (await request.json()) as { query: string };
    if (query === 'refused') {
      return HttpResponse.json(
        { error: { code: 'bad_query', message: 'limit: too big' } },
        { status: 400 },
      );
    }
    if (query === 'broken') {
      return ndjson([
        '{"type":"progress","state":"queued","position":2}\n',
        '{"type":"error","status":400,"error":{"code":"bad_query","message":"unexpected symbol","position":{"from":7,"to":8}}}\n',
      ]);
    }
    const result = JSON.stringify({ type: 'result', records: [record], stats });
    return ndjson([
      '{"type":"progress","state":"queued","position":3}\n{"type":"prog',
      `ress","state":"running","records":[],"stats":${JSON.stringify(stats)}}\n`,
      result.slice(0, 20),
      `${result.slice(20)}\n`,
    ]);
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('postWithProgress', () => {
  it('hands over each progress line as it comes, then returns the answer', async () => {
    const seen: QueryProgress[] = [];
    const answer = await postWithProgress('/api/v1/query', { query: 'ok' }, (p) => seen.push(p));
    expect(seenAccept).toBe('application/x-ndjson');
    expect(seen.map((p) => p.state)).toEqual(['queued', 'running']);
    expect(seen[0]).toEqual({ state: 'queued', position: 3 });
    expect(answer.records).toEqual([record]);
    expect(answer.stats).toEqual(stats);
  });

  it('throws the error line with its status and position, or a refusal before the stream', async () => {
    const broken = await postWithProgress(
      '/api/v1/query',
      { query: 'broken' },
      () => undefined,
    ).catch((e: unknown) => e);
    expect(broken).toBeInstanceOf(ApiRequestError);
    expect((broken as ApiRequestError).status).toBe(400);
    expect((broken as ApiRequestError).body.position?.from).toBe(7);
    const refused = await postWithProgress(
      '/api/v1/query',
      { query: 'refused' },
      () => undefined,
    ).catch((e: unknown) => e);
    expect((refused as ApiRequestError).body.message).toBe('limit: too big');
  });
});
