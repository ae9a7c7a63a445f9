import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startElasticsearchSim, type ElasticsearchSim } from '../sim/elasticsearch';
import { startTestLogsift, type TestLogsift } from './testing';

/** Logsift with the embedded samples and an Elasticsearch (the simulator), as the UI calls it. */
const NOW = Date.UTC(2026, 10, 24, 12);
let sim: ElasticsearchSim;
let logsift: TestLogsift;
let app: FastifyInstance;

beforeAll(async () => {
  sim = await startElasticsearchSim({ now: () => NOW, sampleScale: 0.05, replay: false });
  logsift = await startTestLogsift(
    {
      datasources: [
        { id: 'local', kind: 'local', replay: false },
        { id: 'es', kind: 'elasticsearch', url: sim.url, index: 'fluentd-*', timeoutMs: 500 },
      ],
    },
    { now: () => NOW, sampleScale: 0.02 },
  );
  app = logsift.app;
});
afterAll(async () => {
  await logsift.close();
  await sim.close();
});

const post = (url: string, body: Record<string, unknown>) =>
  app.inject({
    method: 'POST',
    url,
    payload: {
      datasource: 'es',
      language: 'kql',
      query: 'namespace:"payments"',
      from: 'now-1h',
      to: 'now',
      ...body,
    },
  });

describe('an Elasticsearch datasource through /api/v1', () => {
  it('is listed with KQL, Lucene and LogQL, and answers query, histogram and facets', async () => {
    const list = (await app.inject('/api/v1/datasources')).json<
      { id: string; languages: string[] }[]
    >();
    expect(list.find((d) => d.id === 'es')?.languages).toEqual(['kql', 'lucene', 'logql']);
    const answer = await post('/api/v1/query', { limit: 20 });
    expect(answer.statusCode).toBe(200);
    const body = answer.json<{
      records: { labels: Record<string, string> }[];
      stats: { total?: number };
    }>();
    expect(body.records).toHaveLength(20);
    expect(body.records.every((r) => r.labels.namespace === 'payments')).toBe(true);
    expect(body.stats.total).toBeGreaterThan(20);
    expect((await post('/api/v1/histogram', {})).statusCode).toBe(200);
    const facets = await post('/api/v1/facets', {});
    expect(facets.json<{ facets: { field: string }[] }>().facets.map((f) => f.field)).toContain(
      'pod',
    );
    const targets = await app.inject('/api/v1/datasources/es/targets');
    const names = targets.json<{ name: string }[]>().map((t) => t.name);
    expect(names.length).toBeGreaterThan(0);
    const narrowed = await post('/api/v1/query', { limit: 20, target: names[0] });
    expect(narrowed.statusCode).toBe(200);
    expect((await post('/api/v1/query', { target: 'a/../b' })).statusCode).toBe(400);
    expect((await post('/api/v1/query', { target: 'other-*' })).statusCode).toBe(403);
  });

  it('explains the search it sends, and points at a KQL mistake', async () => {
    const explained = await post('/api/v1/explain', {});
    const { requests } = explained.json<{ requests: { url: string; body: unknown }[] }>();
    expect(requests[0]?.url).toBe(`${sim.url}/fluentd-*/_search`);
    expect(JSON.stringify(requests[0]?.body)).toContain('kubernetes.namespace_name');
    const bad = await post('/api/v1/query', { query: 'namespace:(payments' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { position?: unknown } }>().error.position).toBeDefined();
  });

  it('a sick cluster gives clear errors while the local datasource keeps answering', async () => {
    sim.setFault({ status: 503 });
    expect((await post('/api/v1/query', {})).statusCode).toBe(502);
    sim.setFault({ delayMs: 2_000 });
    expect((await post('/api/v1/query', {})).statusCode).toBe(504);
    const local = await post('/api/v1/query', {
      datasource: 'local',
      language: 'logql',
      query: '{job=~".+"}',
    });
    expect(local.statusCode).toBe(200);
    sim.setFault(undefined);
  });
});

describe('a long Elasticsearch answer through /api/v1', () => {
  it('is sent on page by page, and the deadline cuts it short into a valid answer that says so', async () => {
    const slow = await startTestLogsift(
      {
        server: { limits: { queryTimeoutMs: 1_500 } },
        datasources: [
          {
            id: 'es',
            kind: 'elasticsearch',
            url: sim.url,
            index: 'fluentd-*',
            limits: { pageSize: 200 },
          },
        ],
      },
      { now: () => NOW },
    );
    const query = () =>
      slow.app.inject({
        method: 'POST',
        url: '/api/v1/query',
        payload: { datasource: 'es', language: 'kql', query: '', from: 'now-6h', to: 'now' },
      });
    try {
      const whole = (await query()).json<{ records: unknown[]; stats: { truncated: boolean } }>();
      expect(whole.records.length).toBeGreaterThan(600);

      let searches = 0;
      const original = sim.requests.push.bind(sim.requests);
      sim.requests.push = (...items) => {
        // From the third page on, the cluster is slower than what is left of the deadline.
        if (items.some((r) => r.path === '/_search') && ++searches >= 2) {
          sim.setFault({ delayMs: 2_000, paths: ['/_search'] });
        }
        return original(...items);
      };
      const cut = await query();
      sim.requests.push = original;
      sim.setFault(undefined);
      expect(cut.statusCode).toBe(200);
      const body = cut.json<{
        records: unknown[];
        cursor?: string;
        stats: { truncated: boolean; warnings?: string[] };
      }>();
      expect(body.records.length).toBeGreaterThanOrEqual(200);
      expect(body.records.length).toBeLessThan(whole.records.length);
      expect(body.stats.truncated).toBe(true);
      expect(body.stats.warnings?.join()).toMatch(/deadline/);
      expect(body.cursor).toBeDefined();
    } finally {
      await slow.close();
    }
  });
});
