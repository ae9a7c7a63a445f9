import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogsiftError } from '../../../model';
import { failure } from '../testing';
import { createLokiDatasource, LokiDatasourceConfigSchema } from '.';

const fixture = (name: string) =>
  readFileSync(new URL(`./testdata/${name}.json`, import.meta.url), 'utf8');

interface Seen {
  path: string;
  params: URLSearchParams;
  headers: http.IncomingHttpHeaders;
}

/** Answers every request with the body the test set: real Loki bodies, byte for byte. */
let answer: { status: number; body: string; type?: string; delayMs?: number };
const seen: Seen[] = [];
let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    seen.push({ path: u.pathname, params: u.searchParams, headers: req.headers });
    setTimeout(() => {
      res.writeHead(answer.status, {
        'content-type': answer.type ?? 'application/json; charset=utf-8',
      });
      res.end(answer.body);
    }, answer.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const ds = (extra: Record<string, unknown> = {}) =>
  createLokiDatasource(
    LokiDatasourceConfigSchema.parse({ id: 'loki', kind: 'loki', url, ...extra }),
  );
const req = {
  language: 'logql' as const,
  query: '{location=~".+"}',
  fromMs: 1_600_000_000_000,
  toMs: 1_600_000_000_000 + 700 * 3_600_000,
  limit: 100,
  direction: 'backward' as const,
};
const signal = () => AbortSignal.timeout(5_000);

describe('Loki answers normalized', () => {
  it('keeps the warnings of an answer that has nothing else', async () => {
    answer = { status: 200, body: fixture('query_warnings_only') };
    const { records, stats } = await ds().query(req, signal());
    expect(records).toEqual([]);
    expect(stats.warnings).toEqual(['Some logs may have been dropped by Adaptive Logs sampling']);
  });

  it('turns streams into records, newest first, with unique ids and Loki stats', async () => {
    answer = { status: 200, body: fixture('query_range_streams_simple_with_stats') };
    const result = await ds().query(req, signal());
    expect(result.records.map((r) => r.ts)).toEqual([
      '1645030247027735040',
      '1645030246277587968',
      '1645030246277587968',
      '1645030245539423744',
      '1645030244810757120',
      '1645030244091700992',
    ]);
    expect(new Set(result.records.map((r) => r.id)).size).toBe(6);
    expect(result.records[4]).toMatchObject({
      line: 'log line error 1',
      labels: { code: 'one",', location: 'moon🌙' },
      level: 'error',
      source: 'loki',
    });
    expect(result.stats).toMatchObject({ scanned: 55, returned: 6, truncated: false });
  });

  it('keeps stream labels apart from parsed labels and structured metadata', async () => {
    answer = { status: 200, body: fixture('query_range_streams_categorize_labels_parsed') };
    const { records } = await ds().query(req, signal());
    expect(records[0]).toMatchObject({
      labels: { code: '",two', location: 'moon🌙' },
      fields: { field2: 'two' },
    });
    expect(records[2]?.fields).toEqual({ field1: 'one' });
  });

  it('shows a pipeline error as a field of its lines, not a stream label', async () => {
    answer = { status: 200, body: fixture('query_range_streams_parse_errors') };
    const { records } = await ds().query(req, signal());
    const failed = records.filter((r) => r.fields.__error__ === 'LogfmtParserErr');
    expect(failed.map((r) => r.line)).toEqual(['"hello4', '"hello1']);
    expect(failed[0]?.labels).toEqual({ place: 'moon' });
  });

  it('reads a real Loki 3 answer of many streams and labels', async () => {
    const body = fixture('query_range_streams_real_netobserv_many_labels_full_stats');
    answer = { status: 200, body };
    const wire = JSON.parse(body) as {
      data: { result: { stream: Record<string, string>; values: unknown[] }[] };
    };
    const total = wire.data.result.reduce((n, s) => n + s.values.length, 0);
    const keys = new Set(wire.data.result.flatMap((s) => Object.keys(s.stream)));
    const { records } = await ds().query({ ...req, limit: 5_000 }, signal());
    expect(records).toHaveLength(total);
    expect(new Set(records.flatMap((r) => Object.keys(r.labels)))).toEqual(keys);
  });

  it('draws level counts per bucket with no gaps, and infinities as nothing', async () => {
    answer = { status: 200, body: fixture('query_range_matrix_by_level') };
    const stepMs = 10_000;
    const fromMs = 1_639_125_350_000;
    const histogram = await ds().histogram(
      { ...req, fromMs, toMs: fromMs + 150_000, stepMs },
      signal(),
    );
    expect(histogram.times).toHaveLength(15);
    expect(histogram.series.map((s) => s.name).sort()).toEqual(['error', 'info']);
    for (const s of histogram.series) expect(s.counts).toHaveLength(15);
    const sent = seen.at(-1)?.params;
    expect(sent?.get('query')).toBe(
      `sum by (detected_level, level) (count_over_time(${req.query} | drop __error__, __error_details__ [10s]))`,
    );
    expect(sent?.get('step')).toBe('10s');

    answer = { status: 200, body: fixture('query_range_matrix_special_values_inf') };
    const inf = await ds().histogram(
      { ...req, fromMs: 1_643_021_000_000, toMs: 1_643_022_000_000, stepMs: 100_000 },
      signal(),
    );
    expect(JSON.stringify(inf)).not.toMatch(/null|NaN|Infinity/);
  });
});

describe('requests carry tenant, auth and headers', () => {
  it('sends the tenant, a bearer token from the environment and extra headers', async () => {
    process.env.LOKI_TEST_TOKEN = 's3cret';
    answer = { status: 200, body: fixture('query_range_streams_simple_with_stats') };
    await ds({
      tenant: 'team-a|team-b',
      auth: { bearer: { env: 'LOKI_TEST_TOKEN' } },
      headers: { 'X-Team': 'sre' },
    }).query(req, signal());
    // This old answer is uncategorized, so /labels is asked too: the same headers go there.
    const sent = seen.filter((r) => r.path.endsWith('/query_range')).at(-1);
    const headers = sent?.headers ?? {};
    expect(headers['x-scope-orgid']).toBe('team-a|team-b');
    expect(headers.authorization).toBe('Bearer s3cret');
    expect(headers['x-team']).toBe('sre');
    expect(headers['x-loki-response-encoding-flags']).toBe('categorize-labels');
    expect(sent?.params.get('direction')).toBe('backward');
    expect(seen.at(-1)?.headers['x-scope-orgid']).toBe('team-a|team-b');
  });

  it('refuses headers that would override tenant or auth', () => {
    const parsed = LokiDatasourceConfigSchema.safeParse({
      id: 'l',
      kind: 'loki',
      url,
      headers: { Authorization: 'x' },
    });
    expect(parsed.success).toBe(false);
  });
});

describe("Loki's errors become normalized errors with Loki's words", () => {
  const failWith = async (status: number, body: string, extra = {}) => {
    answer = { status, body, type: 'text/plain; charset=utf-8' };
    return failure(ds(extra).query(req, signal()));
  };

  it('a parse error points at its place in the query', async () => {
    const query = '{job="test"} |= ';
    answer = {
      status: 400,
      body: 'parse error at line 1, col 14: syntax error: unexpected $end, expecting STRING or ip',
      type: 'text/plain; charset=utf-8',
    };
    const error = await failure(ds().query({ ...req, query }, signal()));
    expect(error).toBeInstanceOf(LogsiftError);
    expect(error).toMatchObject({ code: 'bad_query', position: { from: 13, to: 15 } });
    expect(error.message).toContain('unexpected $end');
    expect(error.toBody().backend?.status).toBe(400);
  });

  it('limits in old and new wording, timeouts, tenants and outages', async () => {
    expect(
      (
        await failWith(
          400,
          'max entries limit per query exceeded, limit > max_entries_limit_per_query (6000 > 5000)',
        )
      ).code,
    ).toBe('limit');
    expect(
      (
        await failWith(
          400,
          'max entries limit per query exceeded, limit > max_entries_limit (6000 > 5000)',
        )
      ).code,
    ).toBe('limit');
    expect((await failWith(504, 'request timed out, decrease the duration')).code).toBe('timeout');
    for (const status of [401, 400]) {
      const tenant = await failWith(status, 'no org id\n');
      expect(tenant.code).toBe('unauthorized');
      expect(tenant.message).toContain('set tenant in this datasource');
      expect(tenant.message).toContain('Loki said: no org id');
    }
    expect((await failWith(403, 'forbidden')).code).toBe('forbidden');
    for (const status of [500, 502, 503]) {
      expect((await failWith(status, 'upstream connect error')).code).toBe('backend_unavailable');
    }
  });

  it('a Loki slower than the timeout, or not there at all', async () => {
    answer = { status: 200, body: '{}', delayMs: 1_000 };
    const slow = await failure(ds({ timeoutMs: 100 }).query(req, signal()));
    expect(slow.code).toBe('timeout');
    const gone = createLokiDatasource(
      LokiDatasourceConfigSchema.parse({ id: 'l', kind: 'loki', url: 'http://127.0.0.1:9' }),
    );
    const down = await failure(gone.query(req, signal()));
    expect(down.code).toBe('backend_unavailable');
    await expect(gone.ready()).rejects.toThrow(/cannot reach Loki: ECONNREFUSED/);
  });
});
