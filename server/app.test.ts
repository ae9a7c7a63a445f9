import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { LogsiftConfigSchema } from './config/schema';
import { createDatasources, type DatasourceRegistry } from './datasources/registry';

const NOW = Date.UTC(2026, 10, 24, 12);
const config = LogsiftConfigSchema.parse({
  datasources: [
    { id: 'local', kind: 'local', replay: false },
    { id: 'second', kind: 'local', replay: false },
  ],
});
let app: FastifyInstance;
let registry: DatasourceRegistry;
let staticDir: string;

beforeAll(async () => {
  staticDir = await mkdtemp(join(tmpdir(), 'logsift-spa-'));
  await writeFile(
    join(staticDir, 'index.html'),
    '<!doctype html><html><head></head><body>app</body></html>',
  );
  registry = await createDatasources(config.datasources, { now: () => NOW, sampleScale: 0.02 });
  app = await buildApp({ config, datasources: registry, staticDir, now: () => NOW });
});
afterAll(async () => {
  await app.close();
  await registry.closeAll();
});

const query = (body: Record<string, unknown>, url = '/api/v1/query') =>
  app.inject({
    method: 'POST',
    url,
    payload: {
      datasource: 'local',
      language: 'logql',
      query: '{job=~".+"}',
      from: 'now-6h',
      to: 'now',
      ...body,
    },
  });

describe('/api/v1', () => {
  it('lists datasources', async () => {
    const res = await app.inject('/api/v1/datasources');
    expect(res.json()).toEqual([
      expect.objectContaining({ id: 'local', kind: 'local', languages: ['logql'] }),
      expect.objectContaining({ id: 'second' }),
    ]);
  });

  it('answers a query with records and stats', async () => {
    const res = await query({ limit: 50 });
    expect(res.statusCode).toBe(200);
    expect(res.json().records).toHaveLength(50);
    expect(res.json().stats).toMatchObject({ returned: 50, truncated: true });
  });

  it('merges a federated query by time and sums histograms', async () => {
    const one = (await query({ limit: 100 })).json();
    const both = (await query({ limit: 100, datasource: ['local', 'second'] })).json();
    const ts = both.records.map((r: { ts: string }) => BigInt(r.ts));
    expect(ts).toEqual([...ts].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
    expect(new Set(both.records.map((r: { source: string }) => r.source))).toEqual(
      new Set(['local', 'second']),
    );
    expect(one.records.length).toBe(100);

    const single = (await query({}, '/api/v1/histogram')).json();
    const merged = (await query({ datasource: ['local', 'second'] }, '/api/v1/histogram')).json();
    const sum = (h: { series: { counts: number[] }[] }) =>
      h.series.reduce((n, s) => n + s.counts.reduce((a, b) => a + b, 0), 0);
    expect(sum(merged)).toBe(2 * sum(single));
    expect(single.stepMs).toBe(300_000);

    type Facets = { facets: { field: string; values: { value: string; count: number }[] }[] };
    const job = (f: Facets) => f.facets.find((x) => x.field === 'job')?.values;
    const oneFacets = job((await query({}, '/api/v1/facets')).json());
    const bothFacets = job(
      (await query({ datasource: ['local', 'second'] }, '/api/v1/facets')).json(),
    );
    expect(oneFacets?.length).toBeGreaterThan(0);
    expect(bothFacets).toEqual(oneFacets?.map((v) => ({ ...v, count: 2 * v.count })));
  });

  it('answers facets, fields, values and explain', async () => {
    const facets = (await query({}, '/api/v1/facets')).json();
    expect(facets.facets.map((f: { field: string }) => f.field)).toContain('namespace');
    const fields = await app.inject(
      '/api/v1/datasources/local/fields?from=now-6h&to=now&language=logql',
    );
    expect(fields.json()).toContainEqual({ name: 'namespace', type: 'label' });
    const values = await app.inject(
      '/api/v1/datasources/local/values?field=namespace&from=now-6h&to=now',
    );
    expect(values.json()).toContain('payments');
    const explain = (await query({}, '/api/v1/explain')).json();
    expect(explain.requests[0]).toMatchObject({ datasource: 'local', method: 'SCAN' });
  });

  it.each([
    [{ query: '{job=~".+"' }, 400, 'bad_query'],
    [{ datasource: 'nope' }, 404, 'not_found'],
    [{ from: 'now', to: 'now-1h' }, 400, 'bad_query'],
    [{ from: 'yesterday' }, 400, 'bad_query'],
    [{ limit: 200_000 }, 400, 'limit'],
    [{ from: 'now-800h' }, 400, 'limit'],
    [{ language: 'sql' }, 400, 'bad_query'],
    [{ language: 'kql' }, 400, 'unsupported'],
    [{ extra: true }, 400, 'bad_query'],
  ])('refuses %j with %i %s', async (body, status, code) => {
    const res = await query(body);
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect(res.json().error.message.length).toBeGreaterThan(5);
  });

  it('gives the position of a LogQL mistake', async () => {
    const text = '{job="nginx"} |= "x" | jsn';
    const res = await query({ query: text });
    const { position } = res.json().error;
    expect(text.slice(position.from, position.to)).toBe('jsn');
  });

  it('refuses bad input on every route with the field named', async () => {
    const cases: [InjectOptions | string, number, RegExp][] = [
      ['/api/v1/datasources/nope/fields', 404, /nope/],
      ['/api/v1/datasources/local/values?from=now-1h', 400, /^field: /],
      ['/api/v1/datasources/local/fields?from=now&to=now-1h', 400, /from .* must be before to/],
      ['/api/v1/datasources/local/fields?colour=red', 400, /colour/],
      ['/api/v1/datasources/local/fields?language=sql', 400, /^language: /],
      [{ method: 'POST', url: '/api/v1/facets', payload: { datasource: 'local' } }, 400, /query/],
      [{ method: 'POST', url: '/api/v1/explain' }, 400, /^request body: /],
      [{ method: 'GET', url: '/api/v1/tail' }, 400, /WebSocket/],
    ];
    for (const [request, status, message] of cases) {
      const res = await app.inject(request);
      expect(res.statusCode, JSON.stringify(request)).toBe(status);
      expect(res.json().error.message).toMatch(message);
    }
    const tooFine = await query({ step: 1 }, '/api/v1/histogram');
    expect(tooFine.statusCode).toBe(400);
    expect(tooFine.json().error).toMatchObject({ code: 'limit', message: /^step: / });
    const badLimit = await query({ limit: 0 });
    expect(badLimit.json().error.message).toMatch(/^limit: /);
  });

  it('refuses bodies that are not JSON or too large', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/query',
      payload: '{"datasource":',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/not valid JSON/);
    const huge = await app.inject({
      method: 'POST',
      url: '/api/v1/query',
      payload: JSON.stringify({ query: 'x'.repeat(2 * 1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(huge.statusCode).toBe(413);
    const form = await app.inject({
      method: 'POST',
      url: '/api/v1/query',
      payload: 'hello',
      headers: { 'content-type': 'text/plain' },
    });
    expect(form.statusCode).toBe(400);
    expect(form.json().error.message).toMatch(/application\/json/);
    expect(huge.json().error.code).toBe('limit');
  });

  it('translates LogQL to LogQL, KQL and Insights, KQL and Insights both ways, checks each, and refuses other pairs by name', async () => {
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/translate',
      payload: { language: 'logql', query: '{a="b"}', to: 'logql' },
    });
    expect(ok.json()).toEqual({ query: '{a="b"}' });
    const kql = await app.inject({
      method: 'POST',
      url: '/api/v1/translate',
      payload: { language: 'logql', query: '{a="b"} |= "x y"', to: 'kql' },
    });
    expect(kql.json()).toEqual({ query: 'a:"b" and message:"x y"' });
    const translated = async (language: string, query: string, to: string) =>
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/translate',
          payload: { language, query, to },
        })
      ).json<{ query?: string; error?: { code: string; message: string } }>();
    expect(
      (await translated('logql', '{namespace="shop"} |= "timeout"', 'insights')).query,
    ).toMatch(/filter kubernetes\.namespace_name = "shop" and @message like "timeout"/);
    expect((await translated('kql', 'namespace:"shop"', 'insights')).query).toContain(
      'kubernetes.namespace_name = "shop"',
    );
    expect((await translated('insights', 'filter level = "error"', 'kql')).query).toBe(
      'level:"error"',
    );
    expect((await translated('insights', 'stats count(*) by bin(5m)', 'kql')).error?.code).toBe(
      'unsupported',
    );
    expect((await translated('insights', 'filter @message like', 'insights')).error?.code).toBe(
      'bad_query',
    );
    const badKql = await app.inject({
      method: 'POST',
      url: '/api/v1/translate',
      payload: { language: 'kql', query: 'a:(b', to: 'kql' },
    });
    expect(badKql.json().error).toMatchObject({ code: 'bad_query', position: { from: 4 } });
    const no = await app.inject({
      method: 'POST',
      url: '/api/v1/translate',
      payload: { language: 'kql', query: 'a:b', to: 'lucene' },
    });
    expect(no.statusCode).toBe(400);
    expect(no.json().error).toMatchObject({
      code: 'unsupported',
      message: expect.stringContaining('kql to lucene'),
    });
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/translate',
      payload: { language: 'logql', query: '{a="b"} | jsn', to: 'logql' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'bad_query', position: { from: 10, to: 13 } });
  });
});

describe('serving', () => {
  it('serves the SPA for deep links with security headers, and never files outside it', async () => {
    const deep = await app.inject('/explore?ds=local');
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('<base href="/" />');
    expect(deep.headers['content-security-policy']).toContain("script-src 'self'");
    expect(deep.headers['x-content-type-options']).toBe('nosniff');
    for (const url of [
      '/..%2f..%2fpackage.json',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/..%252f..%252fpackage.json',
    ]) {
      const res = await app.inject(url);
      expect(res.body).not.toContain('"name": "logsift"');
      expect(res.body).not.toContain('root:');
    }
    const api404 = await app.inject('/api/v1/nothing');
    expect(api404.statusCode).toBe(404);
    expect(api404.json().error.code).toBe('not_found');
    expect(api404.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'self'; frame-ancestors 'self'; form-action 'self'",
    );
    expect(api404.headers['referrer-policy']).toBe('no-referrer');
  });

  it('reports health, readiness and metrics', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await app.inject('/readyz')).statusCode).toBe(200);
    await query({});
    const metrics = (await app.inject('/metrics')).body;
    expect(metrics).toContain(
      'logsift_http_requests_total{route="/api/v1/query",method="POST",status="200"}',
    );
    expect(metrics).toContain('logsift_datasource_query_duration_seconds_bucket');
  });
});
