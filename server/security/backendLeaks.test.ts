import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLogsift, type TestLogsift } from '../testing';

/**
 * A hostile or broken backend (CVE-2022-21702, grafana#7935): it sets cookies, asks for
 * credentials and answers errors with HTML. None of it may reach the browser: answers are
 * JSON we built, without the backend's Set-Cookie or auth headers, and our own credentials
 * to it never come back either.
 */
const PASSWORD = 'es-basic-password-canary';
const COOKIE = 'JSESSIONID=backend-session-canary';
const HTML =
  '<html><head><meta name="x" content="meta-canary"><script>alert("script-canary")</script></head>' +
  '<body onload="onload-canary()"><h1>502 Bad Gateway</h1></body></html>';

let backend: Server;
let logsift: TestLogsift;
const seen: string[] = [];

function hostile(req: IncomingMessage, res: ServerResponse): void {
  seen.push(`${req.method} ${req.url}`);
  res.setHeader('set-cookie', [COOKIE, 'AWSALB=alb-canary']);
  res.setHeader('www-authenticate', 'Basic realm="backend-canary"');
  res.setHeader('proxy-authenticate', 'Basic realm="proxy-canary"');
  res.setHeader('authorization', 'Bearer echoed-canary');
  const url = req.url ?? '/';
  if (req.method === 'GET' && url === '/') {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ version: { number: '8.11.0' }, tagline: 'You Know, for Search' }));
    return;
  }
  if (url.includes('_field_caps')) {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ indices: ['logs'], fields: {} }));
    return;
  }
  // Every search and every Loki call: a proxy's HTML error page, or a 401 asking for a login.
  res.statusCode = url.includes('labels') ? 401 : 502;
  res.setHeader('content-type', 'text/html');
  res.end(HTML);
}

beforeAll(async () => {
  backend = createServer(hostile);
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
  process.env['LOGSIFT_TEST_ES_PASSWORD'] = PASSWORD;
  logsift = await startTestLogsift({
    datasources: [
      {
        id: 'es',
        kind: 'elasticsearch',
        url,
        index: 'logs-*',
        auth: { basic: { username: 'logsift', password: { env: 'LOGSIFT_TEST_ES_PASSWORD' } } },
      },
      { id: 'loki', kind: 'loki', url },
    ],
  });
});
afterAll(async () => {
  await logsift.close();
  await new Promise((resolve) => backend.close(resolve));
});

function expectClean(answer: LightMyRequestResponse, what: string): void {
  for (const header of ['set-cookie', 'www-authenticate', 'proxy-authenticate', 'authorization']) {
    expect(answer.headers[header], `${what}: ${header}`).toBeUndefined();
  }
  expect(answer.headers['content-type'], what).toMatch(/^application\/(json|x-ndjson)/);
  for (const canary of ['canary', '<', PASSWORD, 'bG9nc2lmdDplcy1iYXNp']) {
    expect(answer.body, `${what}: ${canary}`).not.toContain(canary);
  }
}

describe('answers from a hostile backend', () => {
  it('are JSON we built, without its cookies, auth headers, HTML or our credentials', async () => {
    const range = { from: 'now-1h', to: 'now' };
    const calls = [
      ['POST', '/api/v1/query', { datasource: 'es', language: 'kql', query: 'a:b', ...range }],
      ['POST', '/api/v1/histogram', { datasource: 'es', language: 'kql', query: '', ...range }],
      ['POST', '/api/v1/facets', { datasource: 'es', language: 'kql', query: '', ...range }],
      [
        'POST',
        '/api/v1/query',
        { datasource: 'loki', language: 'logql', query: '{a="b"}', ...range },
      ],
      ['GET', '/api/v1/datasources/es/fields'],
      ['GET', '/api/v1/datasources/loki/fields'],
      ['GET', '/api/v1/datasources/loki/values?field=app'],
      ['GET', '/readyz'],
    ] as const;
    for (const [method, url, payload] of calls) {
      const answer = await logsift.app.inject({ method, url, ...(payload ? { payload } : {}) });
      expectClean(answer, `${method} ${url} ${answer.statusCode}`);
      expect(() => JSON.parse(answer.body) as unknown).not.toThrow();
    }
    const failed = await logsift.app.inject({
      method: 'POST',
      url: '/api/v1/query',
      payload: calls[0][2],
    });
    expect(failed.statusCode).toBeGreaterThanOrEqual(400);
    // The backend was reached, with nothing but searches.
    expect(seen.some((s) => s.includes('/_search') || s.includes('_pit'))).toBe(true);
    for (const call of seen.filter((s) => !s.includes('/loki/') && s !== 'GET /ready')) {
      expect(call).toMatch(
        /^(GET \/$|GET \/logs-\*\/_field_caps|POST \/logs-\*\/(_search|_pit)|DELETE \/_pit)/,
      );
    }
  });
});
