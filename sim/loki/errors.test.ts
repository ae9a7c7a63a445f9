import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLokiSim, type LokiSim } from './index';
import { getError } from './testing';

const NOW = Date.parse('2026-03-02T12:00:00Z');
let sim: LokiSim;

beforeAll(async () => {
  sim = await startLokiSim({ now: () => NOW, sampleScale: 0, replay: false });
});
afterAll(() => sim.close());

function url(path: string, params: Record<string, string>): string {
  return `${sim.url}/loki/api/v1/${path}?${new URLSearchParams(params).toString()}`;
}

describe('errors, in Loki words and as text/plain with a trailing newline', () => {
  it.each([
    [{ query: '{job="test"} |= ' }, 'parse error at line 1, col '],
    [{ query: 'foo' }, 'parse error at line 1, col 1: '],
    [{ query: '{job="x"}\n| json\n| level=' }, 'parse error at line 3, col '],
  ])('parse errors carry 1-based line and column: %j', async (params, prefix) => {
    const [status, body] = await getError(url('query_range', params));
    expect(status).toBe(400);
    expect(body.startsWith(prefix)).toBe(true);
    expect(body.endsWith('\n')).toBe(true);
  });

  it('answers constructs the engine lacks as parse errors naming them', async () => {
    const query = 'sum_over_time({job="x"} | logfmt | unwrap ms [1m])';
    const [status, body] = await getError(url('query_range', { query }));
    expect(status).toBe(400);
    expect(body).toMatch(
      /^parse error at line 1, col \d+: LogQL construct ".+" is not supported yet\n$/,
    );
  });

  it('refuses selectors that match everything with Loki’s sentence', async () => {
    expect(await getError(url('query_range', { query: '{app=~".*"}' }))).toEqual([
      400,
      'parse error : queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~".*" does not meet this requirement, but app=~".+" will\n',
    ]);
  });

  it('enforces max_entries_limit_per_query on log queries only', async () => {
    expect(await getError(url('query_range', { query: '{job="x"}', limit: '6000' }))).toEqual([
      400,
      'max entries limit per query exceeded, limit > max_entries_limit_per_query (6000 > 5000)\n',
    ]);
    const metric = await fetch(
      url('query_range', { query: 'count_over_time({job="x"}[1m])', limit: '6000' }),
    );
    expect(metric.status).toBe(200);
  });

  it('enforces max_query_length with Go durations', async () => {
    const params = {
      query: '{job="x"}',
      start: '2026-01-01T00:00:00Z',
      end: '2026-02-01T00:00:00Z',
    };
    expect(await getError(url('query_range', params))).toEqual([
      400,
      'the query time range exceeds the limit (query length: 744h0m0s, limit: 721h0m0s)\n',
    ]);
  });

  it('refuses reversed ranges as the range parser and the querier word it', async () => {
    const reversed = {
      query: '{job="x"}',
      start: '2026-03-02T11:00:00Z',
      end: '2026-03-02T10:00:00Z',
    };
    expect(await getError(url('query_range', reversed))).toEqual([
      400,
      'end timestamp must not be before or equal to start time\n',
    ]);
    expect(await getError(url('labels', reversed))).toEqual([
      400,
      'invalid query, through < from (2026-03-02 10:00:00 +0000 UTC < 2026-03-02 11:00:00 +0000 UTC)\n',
    ]);
  });

  it('refuses a log query as an instant query', async () => {
    expect(await getError(url('query', { query: '{job="x"}' }))).toEqual([
      400,
      'log queries are not supported as an instant query type, please change your query to a range query type\n',
    ]);
  });

  it('checks limit, direction and step', async () => {
    expect(await getError(url('query_range', { query: '{job="x"}', limit: '0' }))).toEqual([
      400,
      'limit must be a positive value\n',
    ]);
    expect(await getError(url('query_range', { query: '{job="x"}', direction: 'up' }))).toEqual([
      400,
      "invalid direction 'up'\n",
    ]);
    const tiny = { query: 'count_over_time({job="x"}[1m])', step: '0.1' };
    expect(await getError(url('query_range', tiny))).toEqual([
      400,
      'exceeded maximum resolution of 11,000 points per time series. Try increasing the value of the step parameter\n',
    ]);
  });

  it('answers unknown paths 404 and wrong methods 405 as gorilla/mux does', async () => {
    expect(await getError(`${sim.url}/loki/api/v1/nothing`)).toEqual([404, '404 page not found\n']);
    const res = await fetch(`${sim.url}/loki/api/v1/push`);
    expect([res.status, await res.text()]).toEqual([405, '']);
  });
});

describe('tenants', () => {
  it('answers 401 `no org id` without X-Scope-OrgID when auth is on, and keeps tenants apart', async () => {
    const secured = await startLokiSim({ sampleScale: 0, replay: false, requireTenant: true });
    try {
      const q = `${secured.url}/loki/api/v1/query_range?query=${encodeURIComponent('{team="a"}')}`;
      expect(await getError(q)).toEqual([401, 'no org id\n']);
      expect((await fetch(`${secured.url}/ready`)).status).toBe(200);
      // A second back: the query's default end is now, exclusive, so a line pushed in the
      // same millisecond as the query would fall outside it.
      const ts = String(BigInt(Date.now() - 1_000) * 1_000_000n);
      secured.push({ team: 'a' }, [[ts, 'for a']], 'tenant-a');
      const read = async (tenant: string) => {
        const res = await fetch(q, { headers: { 'X-Scope-OrgID': tenant } });
        const body = (await res.json()) as { data: { result: unknown[] } };
        return body.data.result.length;
      };
      expect(await read('tenant-a')).toBe(1);
      expect(await read('tenant-b')).toBe(0);
    } finally {
      await secured.close();
    }
  });

  it('keeps the samples with the one tenant they belong to when told so', async () => {
    const owned = await startLokiSim({
      sampleScale: 0.001,
      replay: false,
      requireTenant: true,
      samplesTenant: 'ops',
    });
    try {
      const q = `${owned.url}/loki/api/v1/query_range?limit=1&query=${encodeURIComponent('{namespace=~".+"}')}`;
      const lines = async (tenant: string) => {
        const res = await fetch(q, { headers: { 'X-Scope-OrgID': tenant } });
        const body = (await res.json()) as { data: { result: { values: unknown[] }[] } };
        return body.data.result.flatMap((s) => s.values).length;
      };
      expect(await lines('ops')).toBe(1);
      expect(await lines('team-a')).toBe(0);
    } finally {
      await owned.close();
    }
  });
});
