import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLokiSim, type LokiSim } from '../sim/loki';
import { startTestLogsift, type TestLogsift } from './testing';

/** Logsift with the embedded samples and a Loki (the simulator), through HTTP as the UI calls. */
const NOW = Date.UTC(2026, 10, 24, 12);
let sim: LokiSim;
let logsift: TestLogsift;
let app: FastifyInstance;

beforeAll(async () => {
  sim = await startLokiSim({ now: () => NOW, sampleScale: 0.05, replay: false });
  logsift = await startTestLogsift(
    {
      datasources: [
        { id: 'local', kind: 'local', replay: false },
        { id: 'loki', kind: 'loki', url: sim.url, tenant: 'fake', timeoutMs: 500 },
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
      datasource: 'loki',
      language: 'logql',
      query: '{namespace="payments"}',
      from: 'now-1h',
      to: 'now',
      ...body,
    },
  });

describe('a Loki datasource through /api/v1', () => {
  it('is listed with its kind and answers query and histogram', async () => {
    const list = (await app.inject('/api/v1/datasources')).json<{ id: string; kind: string }[]>();
    expect(list.map((d) => [d.id, d.kind])).toEqual([
      ['local', 'local'],
      ['loki', 'loki'],
    ]);
    const answer = await post('/api/v1/query', { limit: 20 });
    expect(answer.statusCode).toBe(200);
    expect(answer.json<{ records: { source: string }[] }>().records).toHaveLength(20);
    expect((await post('/api/v1/histogram', {})).statusCode).toBe(200);
  });

  it('explains the exact Loki requests: the log query and the level histogram', async () => {
    const res = await post('/api/v1/explain', { limit: 20, step: 15_000 });
    const { requests } = res.json<{
      requests: { url: string; params: Record<string, string>; headers?: object }[];
    }>();
    expect(requests[0]).toMatchObject({
      url: `${sim.url}/loki/api/v1/query_range`,
      params: { query: '{namespace="payments"}', limit: '20', direction: 'backward' },
    });
    expect(requests[1]?.params.query).toMatch(
      /^sum by \(detected_level, level\) \(count_over_time\(.*\[15s\]\)\)$/,
    );
    expect(requests[1]?.params.step).toBe('15s');
    expect(requests[0]?.headers).toEqual({
      'X-Scope-OrgID': 'fake',
      'X-Loki-Response-Encoding-Flags': 'categorize-labels',
    });
  });

  it("explains a metric query as the one request that draws it, at the chart's step", async () => {
    const query = 'sum by (level) (rate({namespace="payments"}[1m]))';
    const res = await post('/api/v1/explain', { query, step: 30_000 });
    const { requests } = res.json<{
      requests: { url: string; params: Record<string, string> }[];
    }>();
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toBe(`${sim.url}/loki/api/v1/query_range`);
    expect(Object.keys(requests[0]?.params ?? {})).toEqual(['query', 'start', 'end', 'step']);
    // The histogram route at that step sends exactly what the inspector showed.
    sim.requests.length = 0;
    expect((await post('/api/v1/histogram', { query, step: 30_000 })).statusCode).toBe(200);
    const shown = Object.entries(requests[0]?.params ?? {}).map(([k, v]) => [k, [v]]);
    expect(sim.requests.map((r) => r.params)).toEqual([Object.fromEntries(shown)]);
  });

  it("maps Loki's parse error to 400 with its position, in the API's JSON", async () => {
    const res = await post('/api/v1/query', { query: '{namespace="payments"} |= ' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const { error } = res.json<{ error: { code: string; position?: { from: number } } }>();
    expect(error.code).toBe('bad_query');
    expect(error.position?.from).toBeGreaterThan(20);
  });

  it('a sick Loki gives clear errors while the local datasource keeps answering', async () => {
    sim.setFault({ status: 502, body: 'Bad Gateway' });
    const bad = await post('/api/v1/query', {});
    expect(bad.statusCode).toBe(502);
    expect(bad.json<{ error: { code: string; message: string } }>().error).toMatchObject({
      code: 'backend_unavailable',
      message: 'Loki answered 502: Bad Gateway',
    });
    sim.setFault({ delayMs: 2_000 });
    expect((await post('/api/v1/query', {})).statusCode).toBe(504);
    const local = await post('/api/v1/query', { datasource: 'local', query: '{job=~".+"}' });
    expect(local.statusCode).toBe(200);
    sim.setFault({ status: 503, body: 'Ingester not ready' });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'degraded', unavailable: ['loki'] });
    sim.setFault(undefined);
  });
});
