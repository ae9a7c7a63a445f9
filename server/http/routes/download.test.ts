import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogRecord, QueryResponse } from '../../../model';
import { startCloudWatchSim, type CloudWatchSim } from '../../../sim/cloudwatch';
import { startElasticsearchSim, type ElasticsearchSim } from '../../../sim/elasticsearch';
import { startLokiSim } from '../../../sim/loki';
import { rfc3339Nanos } from '../downloadFormats';
import { startTestLogsift, type TestLogsift } from '../../testing';

/** Downloads from the local samples and an Elasticsearch (the simulator), over real HTTP too. */
const NOW = Date.UTC(2026, 10, 24, 12);
let es: ElasticsearchSim;
let cw: CloudWatchSim;
const saved = { ...process.env };
let logsift: TestLogsift;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  es = await startElasticsearchSim({ now: () => NOW, sampleScale: 0.15, replay: false });
  cw = await startCloudWatchSim({
    now: () => NOW,
    sampleScale: 0.02,
    replay: false,
    scheduledMs: 20,
    queryDurationMs: 100,
  });
  process.env.AWS_ACCESS_KEY_ID = 'AKIDLOGSIFTTEST';
  process.env.AWS_SECRET_ACCESS_KEY = 'logsift-test-secret';
  const gone = await startLokiSim({ now: () => NOW, sampleScale: 0.001, replay: false });
  await gone.close();
  logsift = await startTestLogsift(
    {
      server: { limits: { maxLimit: 12_000 } },
      datasources: [
        { id: 'local', kind: 'local', replay: false },
        {
          id: 'es',
          kind: 'elasticsearch',
          url: es.url,
          index: 'fluentd-*',
          limits: { pageSize: 500 },
        },
        { id: 'gone', kind: 'loki', url: gone.url, timeoutMs: 1_000 },
        {
          id: 'cw',
          kind: 'cloudwatch',
          region: 'us-east-1',
          endpoint: cw.url,
          logGroups: [cw.groups.application, cw.groups.dataplane],
          poll: { initialMs: 20, maxMs: 50 },
        },
      ],
    },
    { now: () => NOW, sampleScale: 0.02 },
  );
  app = logsift.app;
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await logsift.close();
  await Promise.all([es.close(), cw.close()]);
  process.env = saved;
});

const LOCAL = { ds: 'local', lang: 'logql', q: '{namespace="shop"}', from: 'now-24h', to: 'now' };

const url = (params: Record<string, string | number | string[]>) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    for (const one of Array.isArray(v) ? v : [v]) search.append(k, String(one));
  }
  return `/api/v1/download?${search.toString()}`;
};

async function records(limit: number): Promise<LogRecord[]> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/query',
    payload: {
      datasource: 'local',
      language: 'logql',
      query: LOCAL.q,
      from: 'now-24h',
      to: 'now',
      limit,
    },
  });
  return res.json<QueryResponse>().records;
}

/** RFC 4180 read back: quoted cells may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

describe('GET /api/v1/download', () => {
  it('writes a .log file: RFC 3339 time with nanoseconds, then the line', async () => {
    const res = await app.inject(url({ ...LOCAL, limit: 200 }));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="logsift-20261123T120000Z-20261124T120000Z.log"',
    );
    const expected = (await records(200)).map((r) => `${rfc3339Nanos(r.ts)} ${r.line}\n`);
    expect(expected).toHaveLength(200);
    expect(res.body).toBe(expected.join(''));
  });

  it('writes NDJSON: one record per line, as /query gives them', async () => {
    const res = await app.inject(url({ ...LOCAL, limit: 200, format: 'ndjson' }));
    expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/\.ndjson"$/);
    const lines = res.body.trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l) as LogRecord)).toEqual(await records(200));
  });

  it('writes CSV: time, source, level, the label and field columns, line', async () => {
    const res = await app.inject(url({ ...LOCAL, limit: 200, format: 'csv' }));
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    const [header, ...rows] = parseCsv(res.body);
    expect(header?.slice(0, 3)).toEqual(['time', 'source', 'level']);
    expect(header?.at(-1)).toBe('line');
    expect(header).toContain('namespace');
    expect(header).toContain('detected_level');
    const expected = await records(200);
    expect(rows).toHaveLength(200);
    const namespace = header?.indexOf('namespace') ?? -1;
    rows.forEach((row, i) => {
      const r = expected[i];
      expect(row[0]).toBe(r && rfc3339Nanos(r.ts));
      expect(row[namespace]).toBe('shop');
      const line = r?.line ?? '';
      expect(row.at(-1)).toBe(/^[=+\-@\t\r]/.test(line) ? `'${line}` : line);
    });
  });

  it('gives every record up to the server limit when no limit is asked, not one screen', async () => {
    const res = await app.inject(url({ ...LOCAL, q: '{namespace=~".+"}', from: 'now-24h' }));
    expect(res.statusCode).toBe(200);
    const all = await app.inject({
      method: 'POST',
      url: '/api/v1/query',
      payload: {
        datasource: 'local',
        language: 'logql',
        query: '{namespace=~".+"}',
        from: 'now-24h',
        to: 'now',
        limit: 12_000,
      },
    });
    const count = all.json<QueryResponse>().records.length;
    expect(count).toBeGreaterThan(1_000);
    expect(
      res.body
        .trimEnd()
        .split('\n')
        .filter((l) => /^\d{4}-\d\d-\d\dT/.test(l)).length,
    ).toBe(count);
  });

  it('answers JSON errors before the first byte', async () => {
    const bad = await app.inject(url({ ...LOCAL, q: '{namespace="shop"} |= ' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/json/);
    expect(bad.json<{ error: { code: string } }>().error.code).toBe('bad_query');
    const format = await app.inject(url({ ...LOCAL, format: 'xlsx' }));
    expect(format.json<{ error: { message: string } }>().error.message).toBe(
      'format: one of log, ndjson, csv',
    );
    const unknown = await app.inject(url({ ...LOCAL, query: 'x' }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ error: { message: string } }>().error.message).toMatch(/^query: not a/);
    expect((await app.inject(url({ ...LOCAL, limit: 50_000 }))).statusCode).toBe(400);
    expect((await app.inject(url({ ...LOCAL, ds: 'nope' }))).statusCode).toBe(404);
    const down = await app.inject(url({ ...LOCAL, ds: 'gone' }));
    expect(down.statusCode).toBe(502);
  });

  it('searches the log groups given as tg', async () => {
    const params = {
      ds: 'cw',
      lang: 'insights',
      q: 'filter @message like /GET/',
      from: 'now-6h',
      to: 'now',
      limit: 30,
      format: 'ndjson',
    };
    const res = await app.inject(url({ ...params, tg: [cw.groups.application] }));
    expect(res.statusCode).toBe(200);
    const lines = res.body
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as LogRecord);
    expect(lines).toHaveLength(30);
    expect(lines.every((r) => r.source === 'cw' && r.line.includes('GET'))).toBe(true);
    expect(new Set(lines.map((r) => r.labels['@log']?.split(':')[1]))).toEqual(
      new Set([cw.groups.application]),
    );
  });

  it('names a failed source of a federated download in its last line', async () => {
    const res = await app.inject(url({ ...LOCAL, ds: ['local', 'gone'], limit: 20 }));
    expect(res.statusCode).toBe(200);
    const lines = res.body.trimEnd().split('\n');
    expect(lines).toHaveLength(21);
    expect(lines.at(-1)).toMatch(
      /^logsift: the download is incomplete: backend_unavailable: gone: /,
    );
  });

  it('streams 10,000 lines as Elasticsearch pages arrive, and ends a cut file clearly', async () => {
    const params = { ds: 'es', lang: 'kql', q: '', from: 'now-24h', to: 'now', limit: 10_000 };
    const searches = () => es.requests.filter((r) => r.path.includes('_search')).length;
    const chunks: { at: number; searches: number; bytes: number }[] = [];
    const body = await new Promise<string>((resolve, reject) => {
      http
        .get(`${base}${url(params)}`, (res) => {
          expect(res.statusCode).toBe(200);
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            chunks.push({ at: Date.now(), searches: searches(), bytes: chunk.length });
            text += chunk;
          });
          res.on('end', () => resolve(text));
          res.on('error', reject);
        })
        .on('error', reject);
    });
    // A record's line may hold line breaks: records are the lines that open with a time.
    const stamped = (text: string) =>
      text.split('\n').filter((l) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z /.test(l));
    expect(stamped(body)).toHaveLength(10_000);
    // The first bytes were out before the last page was even asked for.
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks[0]?.searches).toBeLessThan(searches());

    const cut = await new Promise<string>((resolve, reject) => {
      http
        .get(`${base}${url(params)}`, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.once('data', () => es.setFault({ status: 503, body: 'no shards available' }));
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve(text));
          res.on('error', reject);
        })
        .on('error', reject);
    }).finally(() => es.setFault(undefined));
    expect(stamped(cut).length).toBeLessThan(10_000);
    expect(cut.trimEnd().split('\n').at(-1)).toMatch(
      /^logsift: the download is incomplete: backend_unavailable: /,
    );
  });
});
