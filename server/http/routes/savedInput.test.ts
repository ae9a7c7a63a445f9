import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DashboardBodySchema, type Dashboard } from '../../../model';
import { startTestLogsift, type TestLogsift } from '../../testing';

/** Hostile dashboards and ids, through the real routes and schemas. */

let logsift: TestLogsift;
beforeAll(async () => {
  logsift = await startTestLogsift(
    { datasources: [{ id: 'local', kind: 'local', replay: false }] },
    { sampleScale: 0.001 },
  );
});
afterAll(() => logsift.close());

const panel = (id: string, title = `Panel ${id}`) => ({
  id,
  title,
  kind: 'logs',
  datasources: ['local'],
  language: 'logql',
  query: '{app="shop"}',
  grid: { x: 0, y: 0, w: 12, h: 4 },
});
const postRaw = (url: string, payload: string) =>
  logsift.app.inject({
    method: 'POST',
    url,
    payload,
    headers: { 'content-type': 'application/json' },
  });

describe('hostile dashboards', () => {
  it('stores <script> in titles as text and answers it as the same text, in JSON', async () => {
    const title = '<script>alert(document.cookie)</script><img src=x onerror=alert(1)>';
    const res = await logsift.app.inject({
      method: 'POST',
      url: '/api/v1/dashboards',
      payload: { title, description: '</textarea><script>', panels: [panel('a', title)] },
    });
    expect(res.statusCode).toBe(201);
    const saved = res.json<Dashboard>();
    const read = await logsift.app.inject(`/api/v1/dashboards/${saved.id}`);
    expect(read.headers['content-type']).toMatch(/^application\/json/);
    expect(read.json<Dashboard>()).toMatchObject({
      title,
      description: '</textarea><script>',
      panels: [{ title }],
    });
    expect(read.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html,<script>',
    '//evil.example',
  ])('refuses a %s link with the reason', async (url) => {
    const res = await logsift.app.inject({
      method: 'POST',
      url: '/api/v1/dashboards',
      payload: { title: 'links', links: [{ title: 'click', url }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().problems).toEqual([
      {
        path: 'links.0.url',
        message: 'a link is an http(s) URL or a path inside Logsift starting with /',
      },
    ]);
  });

  it.each([
    ['__proto__ at the top', '{"title":"x","__proto__":{"polluted":true}}'],
    ['__proto__ in a panel', `{"title":"x","panels":[{"__proto__":{"polluted":true}}]}`],
    ['constructor.prototype', '{"title":"x","constructor":{"prototype":{"polluted":true}}}'],
    ['a plain constructor key', '{"title":"x","constructor":"y"}'],
  ])('refuses %s and leaves Object.prototype alone', async (_what, payload) => {
    const file = `{"schema":"logsift.dashboard","schemaVersion":1,"dashboard":${payload}}`;
    for (const [url, body] of [
      ['/api/v1/dashboards', payload],
      ['/api/v1/dashboards/import', file],
    ] as const) {
      const res = await postRaw(url, body);
      // The body parser refuses a poisoning key by name; a plain one is left to the strict schema.
      expect(res.statusCode).toBe(400);
      expect(res.body).toMatch(
        /refused, as it could change the prototype|Unrecognized key: \\"constructor\\"/,
      );
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('refuses __proto__ by the strict schema too, when a parser lets it through', () => {
    const parsed: unknown = JSON.parse('{"title":"x","__proto__":{"polluted":true}}');
    const result = DashboardBodySchema.safeParse(parsed);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      code: 'unrecognized_keys',
      keys: ['__proto__'],
    });
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('answers a 10 MB body with 413 and why', async () => {
    const res = await postRaw(
      '/api/v1/dashboards',
      JSON.stringify({ title: 'big', description: 'x'.repeat(10 * 1024 * 1024) }),
    );
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toEqual({
      code: 'limit',
      message: 'the request body is larger than the limit',
    });
  });

  it('refuses 10,000 panels with one problem, "at most 100 panels"', async () => {
    const panels = Array.from({ length: 10_000 }, (_, n) => ({ id: `p${n}` }));
    for (const [url, payload, path] of [
      ['/api/v1/dashboards', { title: 'wall', panels }, 'panels'],
      [
        '/api/v1/dashboards/import',
        { schema: 'logsift.dashboard', schemaVersion: 1, dashboard: { title: 'wall', panels } },
        'dashboard.panels',
      ],
    ] as const) {
      const res = await postRaw(url, JSON.stringify(payload));
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        error: { code: 'bad_query', message: expect.stringContaining('at most 100 panels') },
        problems: [{ path, message: 'a dashboard holds at most 100 panels (this one has 10000)' }],
      });
    }
  });

  it('refuses 10,000-deep nesting without crashing', async () => {
    const deepArray = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const deepObject = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    for (const payload of [
      `{"title":"deep","panels":${deepArray}}`,
      `{"title":${deepObject}}`,
      `{"title":"deep","range":{"from":${deepArray},"to":"now"}}`,
    ]) {
      const res = await postRaw('/api/v1/dashboards', payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('bad_query');
    }
    expect((await logsift.app.inject('/api/v1/dashboards')).statusCode).toBe(200);
  });
});

describe('ids are an allow-list, never a path', () => {
  const bad = [
    '..%2F..%2Fetc%2Fpasswd',
    '%2e%2e%2f%2e%2e%2fx',
    'abcdefgh%00',
    '%2e%2e%5cwin',
    'a b c d e f g',
  ];

  it.each(bad)('answers 400 for %s on every saved-object route', async (id) => {
    const requests = [
      { method: 'GET', url: `/api/v1/dashboards/${id}` },
      { method: 'PUT', url: `/api/v1/dashboards/${id}`, payload: { title: 'x', version: 1 } },
      { method: 'DELETE', url: `/api/v1/dashboards/${id}` },
      { method: 'GET', url: `/api/v1/dashboards/${id}/versions` },
      { method: 'GET', url: `/api/v1/dashboards/${id}/versions/1` },
      { method: 'GET', url: `/api/v1/dashboards/${id}/export` },
      { method: 'GET', url: `/api/v1/saved-queries/${id}` },
      { method: 'DELETE', url: `/api/v1/saved-queries/${id}` },
      { method: 'GET', url: `/s/${id}` },
    ] as const;
    for (const each of requests) {
      const res = await logsift.app.inject(each);
      expect(res.statusCode, `${each.method} ${each.url}`).toBe(400);
      expect(res.json().error.message).toContain('an id is 8 to 64 letters');
    }
  });

  it('answers 400 over real HTTP, where nothing normalizes ".." before the router', async () => {
    await logsift.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = logsift.app.server.address() as AddressInfo;
    const get = (path: string) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await get('/api/v1/dashboards/%2e%2e')).toBe(400);
    expect(await get('/api/v1/dashboards/..')).toBe(400);
    expect(await get('/s/%2E%2E')).toBe(400);
    expect(await get('/api/v1/dashboards/..%2f..%2fetc')).toBe(400);
    // Across segments it is no route at all: a 404 that never reads a store or a file.
    expect(await get('/api/v1/dashboards/../../etc/passwd')).toBe(404);
  });
});
