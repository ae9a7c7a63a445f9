import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Facet, Histogram, QueryResponse, SourceStatus } from '../../../model';
import { startCloudWatchSim, type CloudWatchSim } from '../../../sim/cloudwatch';
import { startElasticsearchSim, type ElasticsearchSim } from '../../../sim/elasticsearch';
import { startLokiSim, type LokiSim } from '../../../sim/loki';
import { startTestLogsift, type TestLogsift } from '../../testing';

/** One Logsift over the local samples, a Loki, an Elasticsearch and a CloudWatch (simulators). */
const NOW = Date.UTC(2026, 10, 24, 12);
let loki: LokiSim;
let es: ElasticsearchSim;
let cw: CloudWatchSim;
let logsift: TestLogsift;
let app: FastifyInstance;
const saved = { ...process.env };

beforeAll(async () => {
  [loki, es, cw] = await Promise.all([
    startLokiSim({ now: () => NOW, sampleScale: 0.05, replay: false }),
    startElasticsearchSim({ now: () => NOW, sampleScale: 0.05, replay: false }),
    startCloudWatchSim({
      now: () => NOW,
      sampleScale: 0.02,
      replay: false,
      scheduledMs: 20,
      queryDurationMs: 100,
    }),
  ]);
  // A Loki that was there and is gone: its port refuses connections.
  const gone = await startLokiSim({ now: () => NOW, sampleScale: 0.001, replay: false });
  await gone.close();
  process.env.AWS_ACCESS_KEY_ID = 'AKIDLOGSIFTTEST';
  process.env.AWS_SECRET_ACCESS_KEY = 'logsift-test-secret';
  logsift = await startTestLogsift(
    {
      datasources: [
        { id: 'local', kind: 'local', replay: false },
        { id: 'loki', kind: 'loki', url: loki.url, tenant: 'fake', timeoutMs: 2_000 },
        { id: 'es', kind: 'elasticsearch', url: es.url, index: 'fluentd-*', timeoutMs: 2_000 },
        {
          id: 'cw',
          kind: 'cloudwatch',
          region: 'us-east-1',
          endpoint: cw.url,
          logGroups: [cw.groups.application],
          poll: { initialMs: 20, maxMs: 50 },
        },
        { id: 'gone', kind: 'loki', url: gone.url, timeoutMs: 1_000 },
      ],
    },
    { now: () => NOW, sampleScale: 0.02 },
  );
  app = logsift.app;
});
afterAll(async () => {
  await logsift.close();
  await Promise.all([loki.close(), es.close(), cw.close()]);
  process.env = saved;
});

const post = (url: string, body: Record<string, unknown>) =>
  app.inject({
    method: 'POST',
    url,
    payload: {
      language: 'kql',
      query: 'namespace:"payments"',
      from: 'now-6h',
      to: 'now',
      limit: 300,
      ...body,
    },
  });

const byId = (sources: SourceStatus[] | undefined) =>
  new Map((sources ?? []).map((s) => [s.datasource, s]));

describe('a federated query', () => {
  it('asks Loki, Elasticsearch and CloudWatch in one language and merges their records by time', async () => {
    const res = await post('/api/v1/query', { datasource: ['loki', 'es', 'cw'] });
    expect(res.statusCode).toBe(200);
    const body = res.json<QueryResponse>();
    expect(new Set(body.records.map((r) => r.source))).toEqual(new Set(['loki', 'es', 'cw']));
    expect(body.records.every((r) => r.labels.namespace === 'payments')).toBe(true);
    const times = body.records.map((r) => BigInt(r.ts));
    expect(times.every((t, i) => i === 0 || t <= (times[i - 1] ?? t))).toBe(true);
    const sources = byId(body.stats.sources);
    expect([...sources.keys()]).toEqual(['loki', 'es', 'cw']);
    for (const s of sources.values()) {
      expect(s.error).toBeUndefined();
      expect(s.returned).toBeGreaterThan(0);
      // Each of them speaks KQL: nothing was translated.
      expect(s.query).toBeUndefined();
    }
  });

  it('translates for a datasource that does not speak the language, and says so', async () => {
    const res = await post('/api/v1/query', { datasource: ['local', 'es'] });
    expect(res.statusCode).toBe(200);
    const body = res.json<QueryResponse>();
    const local = byId(body.stats.sources).get('local');
    expect(local?.query).toEqual({ language: 'logql', query: '{namespace="payments"}' });
    expect(local?.returned).toBeGreaterThan(0);
    expect(body.records.some((r) => r.source === 'local')).toBe(true);
    expect(body.records.some((r) => r.source === 'es')).toBe(true);
  });

  it('refuses by name what cannot be translated for one source while the others answer', async () => {
    const res = await post('/api/v1/query', {
      datasource: ['local', 'es'],
      query: 'namespace:"payments" and stream:"stdout"',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<QueryResponse>();
    const local = byId(body.stats.sources).get('local');
    expect(local?.error?.code).toBe('unsupported');
    expect(local?.error?.message).toMatch(
      /^local runs logql, and the translation stopped: field "stream" .* no LogQL equivalent/,
    );
    expect(local?.error?.position?.from).toBeGreaterThan(0);
    expect(body.records.length).toBeGreaterThan(0);
    expect(body.records.every((r) => r.source === 'es')).toBe(true);
    const lucene = await post('/api/v1/query', {
      datasource: ['loki', 'es'],
      language: 'lucene',
      query: 'kubernetes.namespace_name:payments',
    });
    const error = byId(lucene.json<QueryResponse>().stats.sources).get('loki')?.error;
    expect(error?.message).toBe(
      'loki answers logql, kql; Logsift cannot translate lucene to any of them',
    );
  });

  it('keeps the answers of the others when a source is down, with its error', async () => {
    const res = await post('/api/v1/query', { datasource: ['gone', 'es', 'cw'] });
    expect(res.statusCode).toBe(200);
    const body = res.json<QueryResponse>();
    expect(byId(body.stats.sources).get('gone')?.error?.code).toBe('backend_unavailable');
    expect(new Set(body.records.map((r) => r.source))).toEqual(new Set(['es', 'cw']));
    es.setFault({ status: 400, paths: ['/fluentd-*/_search', '/_pit'] });
    loki.setFault({ delayMs: 3_000 });
    try {
      const sick = await post('/api/v1/query', { datasource: ['loki', 'es', 'cw'] });
      expect(sick.statusCode).toBe(200);
      const sources = byId(sick.json<QueryResponse>().stats.sources);
      expect(sources.get('loki')?.error?.code).toBe('timeout');
      expect(sources.get('es')?.error).toBeDefined();
      expect(sources.get('cw')?.returned).toBeGreaterThan(0);
    } finally {
      es.setFault(undefined);
      loki.setFault(undefined);
    }
  });

  it('answers the first error when every source fails, as one datasource would', async () => {
    const res = await post('/api/v1/query', {
      datasource: ['gone', 'local'],
      query: 'message:/x/',
    });
    expect(res.statusCode).toBe(502);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('backend_unavailable');
  });

  it('leaves a single-datasource answer as it was, without sources', async () => {
    for (const datasource of ['es', 'loki', 'cw', 'local']) {
      const query = await post('/api/v1/query', {
        datasource,
        language: 'logql',
        query: '{namespace="payments"}',
      });
      expect(query.statusCode).toBe(200);
      expect(query.json<QueryResponse>().stats.sources).toBeUndefined();
    }
    const histogram = await post('/api/v1/histogram', { datasource: 'es' });
    const h = histogram.json<Histogram>();
    expect(h.sources).toBeUndefined();
    expect(h.series.map((s) => s.name)).toContain('info');
    const facets = await post('/api/v1/facets', { datasource: ['es'] });
    expect(facets.json<{ sources?: unknown }>().sources).toBeUndefined();
  });
});

describe('a federated explain', () => {
  it("shows each source's requests for the query as that source runs it", async () => {
    const res = await post('/api/v1/explain', { datasource: ['local', 'es', 'gone'] });
    expect(res.statusCode).toBe(200);
    const { requests } = res.json<{
      requests: { datasource: string; params?: Record<string, string>; body?: unknown }[];
    }>();
    expect(new Set(requests.map((r) => r.datasource))).toEqual(new Set(['local', 'es', 'gone']));
    const local = requests.find((r) => r.datasource === 'local');
    expect(local?.params?.query).toBe('{namespace="payments"}');
    expect(JSON.stringify(requests.find((r) => r.datasource === 'es')?.body)).toContain(
      'kubernetes.namespace_name',
    );
    const lucene = await post('/api/v1/explain', {
      datasource: ['local', 'es'],
      language: 'lucene',
      query: 'kubernetes.namespace_name:payments',
    });
    const explained = lucene.json<{ requests: { datasource: string }[] }>().requests;
    expect(new Set(explained.map((r) => r.datasource))).toEqual(new Set(['es']));
  });
});

describe('a federated histogram', () => {
  it('stacks by source: one series per datasource, its levels added up', async () => {
    const single = (await post('/api/v1/histogram', { datasource: 'es' })).json<Histogram>();
    const res = await post('/api/v1/histogram', { datasource: ['loki', 'es', 'gone'] });
    expect(res.statusCode).toBe(200);
    const h = res.json<Histogram>();
    expect(h.series.map((s) => s.name)).toEqual(['loki', 'es']);
    const total = (counts: number[]) => counts.reduce((n, c) => n + c, 0);
    const esTotal = single.series.reduce((n, s) => n + total(s.counts), 0);
    expect(total(h.series.find((s) => s.name === 'es')?.counts ?? [])).toBe(esTotal);
    expect(byId(h.sources).get('gone')?.error?.code).toBe('backend_unavailable');
  });
});

describe('federated facets', () => {
  it('merge local, Loki and Elasticsearch by normalized field, counts in lines summed', async () => {
    const query = { language: 'logql', query: '{namespace=~"payments|shop"} |= "GET"' };
    const shopCount = async (datasource: string | string[]) => {
      const res = await post('/api/v1/facets', { datasource, ...query });
      expect(res.statusCode).toBe(200);
      const facets = res.json<{ facets: Facet[] }>().facets.filter((f) => f.field === 'namespace');
      expect(facets).toHaveLength(1);
      expect(facets[0]?.unit).toBeUndefined();
      return facets[0]?.values.find((v) => v.value === 'shop')?.count ?? 0;
    };
    const alone = await Promise.all(['local', 'loki', 'es'].map((id) => shopCount(id)));
    expect(alone.every((n) => n > 0)).toBe(true);
    expect(await shopCount(['local', 'loki', 'es'])).toBe(alone.reduce((n, c) => n + c, 0));
  });

  it('count Loki in lines and name the level facet level', async () => {
    const res = await post('/api/v1/facets', {
      datasource: ['local', 'loki', 'es'],
      language: 'logql',
      query: '{namespace="payments"}',
    });
    const { facets, sources } = res.json<{ facets: Facet[]; sources: SourceStatus[] }>();
    expect(sources.map((s) => s.error)).toEqual([undefined, undefined, undefined]);
    const payments = (list: Facet[]) =>
      list.find((f) => f.field === 'namespace')?.values.find((v) => v.value === 'payments');
    const lokiAlone = await post('/api/v1/facets', {
      datasource: 'loki',
      language: 'logql',
      query: '{namespace="payments"}',
    });
    const [first] = lokiAlone.json<{ facets: Facet[] }>().facets;
    expect(first?.unit).toBeUndefined();
    const lokiLines = payments(lokiAlone.json<{ facets: Facet[] }>().facets)?.count ?? 0;
    expect(lokiLines).toBeGreaterThan(0);
    expect(payments(facets)?.count).toBeGreaterThan(lokiLines);
    const level = facets.find((f) => f.field === 'level');
    expect(level?.values.map((v) => v.value)).toContain('info');
    expect(facets.some((f) => f.field === 'detected_level')).toBe(false);
  });
});
