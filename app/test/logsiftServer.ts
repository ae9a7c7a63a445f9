import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { startTestLogsift, type TestLogsift } from '../../server/testing';

/**
 * The real BFF (routes and a SQLite store in a temporary directory) behind the page's fetch:
 * msw hands every /api/v1 request to Fastify's inject(), so version checks and 409 answers are
 * the server's own. `before` may act first, as another user saving meanwhile.
 */
export async function startLogsiftBehindFetch(
  before?: (request: Request, logsift: TestLogsift) => Promise<void>,
) {
  // The server's modules need Node's own URL (jsdom replaces it), so these tests run in node;
  // the client only needs <base href> to resolve its paths against.
  if (typeof document === 'undefined') {
    Object.assign(globalThis, { document: { baseURI: 'http://logsift.test/' } });
  }
  const logsift = await startTestLogsift(
    { datasources: [{ id: 'local', kind: 'local', replay: false }] },
    { sampleScale: 0.001 },
  );
  const server = setupServer(
    http.all('*/api/v1/*', async ({ request }) => {
      await before?.(request.clone(), logsift);
      const url = new URL(request.url);
      const body = ['GET', 'HEAD'].includes(request.method) ? undefined : await request.text();
      const answer = await logsift.app.inject({
        method: request.method as 'GET',
        url: url.pathname + url.search,
        headers: { 'content-type': 'application/json' },
        ...(body ? { payload: body } : {}),
      });
      return new HttpResponse(answer.body || null, {
        status: answer.statusCode,
        headers: { 'content-type': String(answer.headers['content-type'] ?? 'application/json') },
      });
    }),
  );
  server.listen({ onUnhandledRequest: 'error' });
  return {
    logsift,
    async close() {
      server.close();
      await logsift.close();
    },
  };
}
