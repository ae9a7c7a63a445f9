import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloudWatchSim, type CloudWatchSim } from '../sim/cloudwatch';
import { startTestLogsift, type TestLogsift } from './testing';

/** Logsift with a CloudWatch datasource (the simulator, reached by the real SDK), as the UI calls it. */
let sim: CloudWatchSim;
let logsift: TestLogsift;
let app: FastifyInstance;
const saved = { ...process.env };

beforeAll(async () => {
  sim = await startCloudWatchSim({
    sampleScale: 0.02,
    replay: false,
    scheduledMs: 150,
    queryDurationMs: 900,
  });
  // The default credential chain reads these, as it would on a laptop.
  process.env.AWS_ACCESS_KEY_ID = 'AKIDLOGSIFTTEST';
  process.env.AWS_SECRET_ACCESS_KEY = 'logsift-test-secret';
  logsift = await startTestLogsift({
    datasources: [
      {
        id: 'cw',
        kind: 'cloudwatch',
        region: 'us-east-1',
        endpoint: sim.url,
        logGroups: [sim.groups.application],
        poll: { initialMs: 100, maxMs: 200 },
      },
    ],
  });
  app = logsift.app;
});
afterAll(async () => {
  await logsift.close();
  await sim.close();
  process.env = saved;
});

const payload = {
  datasource: 'cw',
  language: 'insights',
  query: 'filter @message like /GET/',
  from: 'now-24h',
  to: 'now',
  limit: 50,
};

interface Line {
  type: 'progress' | 'result' | 'error';
  state?: string;
  records?: unknown[];
  status?: number;
  error?: { code: string; message: string; position?: unknown };
  stats?: { scan?: { bytesScanned: number; costUsd: number } };
}

const lines = (text: string): Line[] =>
  text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Line);

describe('a CloudWatch query through /api/v1', () => {
  it('streams progress while Insights runs, then the answer with its scan cost', async () => {
    const answer = await app.inject({
      method: 'POST',
      url: '/api/v1/query',
      headers: { accept: 'application/x-ndjson' },
      payload,
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toMatch(/application\/x-ndjson/);
    const all = lines(answer.body);
    expect(all.filter((l) => l.type === 'progress').length).toBeGreaterThan(0);
    const last = all.at(-1);
    expect(last?.type).toBe('result');
    expect(last?.records?.length).toBeGreaterThan(0);
    // Fluent Bit's JSON @message: the line is its `log`, the Kubernetes metadata labels.
    const shown = last?.records?.[0] as { line: string; labels: Record<string, string> };
    expect(shown.line).toContain('GET');
    expect(shown.line.startsWith('{')).toBe(false);
    expect(shown.labels.namespace).toBeTruthy();
    expect(last?.stats?.scan?.bytesScanned).toBeGreaterThan(0);

    // Without asking for progress: one JSON answer, as every other client gets.
    const plain = await app.inject({ method: 'POST', url: '/api/v1/query', payload });
    expect(plain.statusCode).toBe(200);
    expect(plain.json<{ records: unknown[] }>().records.length).toBeGreaterThan(0);
  });

  it('ends the stream with the error and the status it would have had', async () => {
    const answer = await app.inject({
      method: 'POST',
      url: '/api/v1/query',
      headers: { accept: 'application/x-ndjson' },
      payload: { ...payload, query: 'filter @message like' },
    });
    const last = lines(answer.body).at(-1);
    expect(last?.type).toBe('error');
    expect(last?.status).toBe(400);
    expect(last?.error?.code).toBe('bad_query');
  });

  it('lists log groups by prefix, runs on several, and fetches one record in full by its @ptr', async () => {
    const groups = (
      await app.inject(
        `/api/v1/datasources/cw/targets?prefix=${encodeURIComponent('/aws/containerinsights/')}`,
      )
    ).json<{ name: string; kind: string }[]>();
    expect(groups.map((g) => g.name)).toEqual(
      expect.arrayContaining([sim.groups.application, sim.groups.dataplane]),
    );
    expect(groups.every((g) => g.kind === 'log_group')).toBe(true);
    const none = await app.inject('/api/v1/datasources/cw/targets?prefix=/nothing/');
    expect(none.json()).toEqual([]);

    const perGroup = await app.inject({
      method: 'POST',
      url: '/api/v1/query',
      payload: {
        ...payload,
        query: 'stats count(*) as n by @log',
        targets: [sim.groups.application, sim.groups.dataplane],
      },
    });
    const table = perGroup.json<{
      records: { fields: Record<string, string> }[];
      stats: { columns?: string[] };
    }>();
    expect(table.stats.columns).toEqual(['@log', 'n']);
    expect(table.records.map((r) => r.fields['@log']).join()).toMatch(
      /application.*dataplane|dataplane.*application/,
    );

    const records = (await app.inject({ method: 'POST', url: '/api/v1/query', payload })).json<{
      records: { id: string }[];
    }>().records;
    const first = records[0];
    const full = await app.inject(
      `/api/v1/datasources/cw/records/${encodeURIComponent(first?.id ?? '')}`,
    );
    expect(full.statusCode).toBe(200);
    expect(full.json<{ id: string }>().id).toBe(first?.id);
    const missing = await app.inject('/api/v1/datasources/nope/records/x');
    expect(missing.statusCode).toBe(404);
  });
});
