import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryResponse } from '../../model';
import { startCloudWatchSim, type CloudWatchSim } from '../../sim/cloudwatch';
import { startTestLogsift, type TestLogsift } from '../testing';

/** /metrics scraped after real requests to the local samples and a CloudWatch (the simulator). */
const NOW = Date.UTC(2026, 10, 24, 12);
let cw: CloudWatchSim;
let logsift: TestLogsift;
let app: FastifyInstance;
const saved = { ...process.env };
const audited: string[] = [];

beforeAll(async () => {
  cw = await startCloudWatchSim({
    now: () => NOW,
    sampleScale: 0.02,
    replay: false,
    scheduledMs: 20,
    queryDurationMs: 100,
  });
  process.env.AWS_ACCESS_KEY_ID = 'AKIDLOGSIFTTEST';
  process.env.AWS_SECRET_ACCESS_KEY = 'logsift-test-secret';
  logsift = await startTestLogsift(
    {
      datasources: [
        { id: 'local', kind: 'local', replay: false },
        {
          id: 'cw',
          kind: 'cloudwatch',
          region: 'us-east-1',
          endpoint: cw.url,
          logGroups: [cw.groups.application],
          poll: { initialMs: 20, maxMs: 50 },
        },
      ],
    },
    { now: () => NOW, sampleScale: 0.02, auditSink: { write: (line) => audited.push(line) } },
  );
  app = logsift.app;
});
afterAll(async () => {
  await logsift.close();
  await cw.close();
  process.env = saved;
});

/** One sample's value from the exposition text, by name and exactly these labels; 0 when absent. */
async function sample(name: string, labels: Record<string, string>): Promise<number> {
  const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)\{([^}]*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    const same =
      Object.keys(found).length === Object.keys(labels).length &&
      Object.entries(labels).every(([k, v]) => found[k] === v);
    if (same) return Number(match[3]);
  }
  return 0;
}

const LOCAL = {
  datasource: 'local',
  language: 'logql',
  query: '{namespace="shop"}',
  from: 'now-24h',
  to: 'now',
};

const post = (url: string, payload: object) => app.inject({ method: 'POST', url, payload });

describe('/metrics per datasource', () => {
  it('counts every query-shaped route in the runner: calls, lines, latency and errors by code', async () => {
    const queries = (op: string, outcome = 'ok') =>
      sample('logsift_datasource_queries_total', { datasource: 'local', op, outcome });
    const lines = () => sample('logsift_datasource_lines_returned_total', { datasource: 'local' });
    const before = {
      query: await queries('query'),
      histogram: await queries('histogram'),
      facets: await queries('facets'),
      context: await queries('context'),
      explain: await queries('explain'),
      lines: await lines(),
    };

    const first = await post('/api/v1/query', { ...LOCAL, limit: 40 });
    expect(first.statusCode).toBe(200);
    const records = (first.json() as QueryResponse).records;
    expect(records).toHaveLength(40);
    const download = await app.inject({
      method: 'GET',
      url: '/api/v1/download?ds=local&lang=logql&q=%7Bnamespace%3D%22shop%22%7D&from=now-24h&to=now&limit=25',
    });
    expect(download.statusCode).toBe(200);
    expect(download.body.trim().split('\n')).toHaveLength(25);
    expect((await post('/api/v1/histogram', LOCAL)).statusCode).toBe(200);
    expect((await post('/api/v1/facets', LOCAL)).statusCode).toBe(200);
    expect((await post('/api/v1/explain', LOCAL)).statusCode).toBe(200);
    const record = records[20];
    const context = await post('/api/v1/context', {
      datasource: 'local',
      record,
      before: 3,
      after: 2,
    });
    expect(context.statusCode).toBe(200);
    const around = context.json() as { before: unknown[]; after: unknown[] };
    const contextLines = around.before.length + around.after.length;
    expect(contextLines).toBeGreaterThan(0);

    expect(await queries('query')).toBe(before.query + 2);
    expect(await queries('histogram')).toBe(before.histogram + 1);
    expect(await queries('facets')).toBe(before.facets + 1);
    expect(await queries('context')).toBe(before.context + 1);
    expect(await queries('explain')).toBe(before.explain + 1);
    expect(await lines()).toBe(before.lines + 40 + 25 + contextLines);
    const latency = await sample('logsift_datasource_query_duration_seconds_count', {
      datasource: 'local',
      op: 'histogram',
    });
    expect(latency).toBe(before.histogram + 1);

    const errors = () =>
      sample('logsift_datasource_query_errors_total', {
        datasource: 'local',
        op: 'query',
        code: 'bad_query',
      });
    const errorsBefore = await errors();
    const bad = await post('/api/v1/query', { ...LOCAL, query: '{namespace="shop"} |~ "("' });
    expect(bad.statusCode).toBe(400);
    expect(await errors()).toBe(errorsBefore + 1);
    expect(await queries('query', 'error')).toBeGreaterThanOrEqual(1);
    expect(await queries('query')).toBe(before.query + 2);
  });

  it('counts each source of a federated query under its own datasource', async () => {
    const count = (datasource: string) =>
      sample('logsift_datasource_queries_total', { datasource, op: 'facets', outcome: 'ok' });
    const [local, cwBefore] = [await count('local'), await count('cw')];
    const answer = await post('/api/v1/facets', { ...LOCAL, datasource: ['local', 'cw'] });
    expect(answer.statusCode).toBe(200);
    expect(await count('local')).toBe(local + 1);
    expect(await count('cw')).toBe(cwBefore + 1);
  });

  it('adds the bytes CloudWatch reports scanning', async () => {
    const bytes = () => sample('logsift_datasource_bytes_scanned_total', { datasource: 'cw' });
    const before = await bytes();
    const answer = await post('/api/v1/query', {
      datasource: 'cw',
      language: 'insights',
      query: 'filter @message like /POST/',
      from: 'now-24h',
      to: 'now',
      limit: 20,
    });
    expect(answer.statusCode).toBe(200);
    const scanned = (answer.json() as QueryResponse).stats.scan?.bytesScanned ?? 0;
    expect(scanned).toBeGreaterThan(0);
    expect(await bytes()).toBe(before + scanned);
    expect(await sample('logsift_datasource_bytes_scanned_total', { datasource: 'local' })).toBe(0);
  });

  it('holds open tails per datasource, and gives them back on close and on a failed start', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/v1/tail`;
    const open = () => sample('logsift_tail_sessions', { datasource: 'local' });
    const tail = (first: unknown) => {
      const socket = new WebSocket(url);
      const closed = new Promise<number>((resolve) => socket.on('close', resolve));
      socket.on('open', () => socket.send(JSON.stringify(first)));
      return { socket, closed };
    };
    const start = { datasource: 'local', language: 'logql', query: '{namespace="shop"}' };
    const a = tail(start);
    const b = tail(start);
    await expect.poll(open, { timeout: 5_000 }).toBe(2);
    const refused = tail({ ...start, query: '{namespace=' });
    expect(await refused.closed).toBe(1008);
    expect(await open()).toBe(2);
    a.socket.close();
    await a.closed;
    await expect.poll(open, { timeout: 5_000 }).toBe(1);
    b.socket.terminate();
    await b.closed;
    await expect.poll(open, { timeout: 5_000 }).toBe(0);
    const tails = audited
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry['op'] === 'tail');
    expect(tails.map((t) => [t['query'], t['outcome'], t['errorCode']])).toEqual([
      ['{namespace=', 'error', 'bad_query'],
      ['{namespace="shop"}', 'ok', undefined],
      ['{namespace="shop"}', 'ok', undefined],
    ]);
  });
});
