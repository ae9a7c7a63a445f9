import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogRecord } from '../../../model';
import { startLokiSim, type LokiSim } from '../../../sim/loki';
import type { Datasource, DatasourceQuery } from '../datasource';
import { failure } from '../testing';
import { createLokiDatasource, LokiDatasourceConfigSchema } from '.';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
let sim: LokiSim;

beforeAll(async () => {
  sim = await startLokiSim({ now: () => NOW, sampleScale: 0.2, replay: false });
});
afterAll(() => sim.close());

const loki = (extra: Record<string, unknown> = {}): Datasource =>
  createLokiDatasource(
    LokiDatasourceConfigSchema.parse({ id: 'loki', kind: 'loki', url: sim.url, ...extra }),
    { now: () => NOW },
  );
const HOUR = 3_600_000;
const base: DatasourceQuery = {
  language: 'logql',
  query: '{namespace=~".+"}',
  fromMs: NOW - 3 * HOUR,
  toMs: NOW,
  limit: 100,
  direction: 'backward',
};
const signal = () => AbortSignal.timeout(20_000);
const queryRanges = () => sim.requests.filter((r) => r.path.endsWith('/query_range'));

describe('Loki adapter against the simulator', () => {
  it('pages by time past max_entries_limit_per_query: same lines as one big answer, none twice', async () => {
    const whole = await loki().query({ ...base, limit: 3_000 }, signal());
    expect(whole.records).toHaveLength(3_000);
    sim.requests.length = 0;
    const paged = await loki({ limits: { maxEntriesPerRequest: 700 } }).query(
      { ...base, limit: 3_000 },
      signal(),
    );
    expect(queryRanges()).toHaveLength(5);
    expect(paged.records.map((r) => r.id)).toEqual(whole.records.map((r) => r.id));
    expect(paged.stats.truncated).toBe(true);
  });

  it('keeps every entry that shares a nanosecond with a page boundary', async () => {
    // 8 newer lines, then 6 at one nanosecond in three streams, then 8 older: pages of 10
    // end inside the tie, so the next page must start at the tie again and skip what was sent.
    const at = (offsetMs: number) => String(BigInt(NOW - HOUR + offsetMs) * 1_000_000n);
    sim.push(
      { namespace: 'ties', pod: 'new' },
      [...Array(8).keys()].map((i) => [at(1_000 + i), `new ${i}`]),
    );
    for (const pod of ['a', 'b', 'c']) {
      sim.push({ namespace: 'ties', pod }, [
        [at(0), `tie ${pod} 1`],
        [at(0), `tie ${pod} 2`],
      ]);
    }
    sim.push(
      { namespace: 'ties', pod: 'old' },
      [...Array(8).keys()].map((i) => [at(-1_000 - i), `old ${i}`]),
    );
    const ds = loki({ limits: { maxEntriesPerRequest: 10 } });
    const req = { ...base, query: '{namespace="ties"}', limit: 50 };
    const { records } = await ds.query(req, signal());
    expect(records).toHaveLength(22);
    expect(new Set(records.map((r) => r.line)).size).toBe(22);
    expect(records.slice(8, 14).every((r) => r.line.startsWith('tie'))).toBe(true);

    // "Load older lines" with the cursor continues where a smaller answer stopped.
    const first = await ds.query({ ...req, limit: 11 }, signal());
    const rest = await ds.query({ ...req, limit: 50, cursor: first.cursor ?? '' }, signal());
    const lines = [...first.records, ...rest.records].map((r) => r.line);
    expect(lines).toEqual(records.map((r) => r.line));
  });

  it('hands out page by page; a Loki failing after the first keeps what was sent, with a cursor', async () => {
    const ds = loki({ limits: { maxEntriesPerRequest: 200 } });
    const whole = await ds.query({ ...base, limit: 1_000 }, signal());
    const answer = await (ds.queryPages?.({ ...base, limit: 1_000 }, signal()) ??
      Promise.reject(new Error('the Loki datasource hands out pages')));
    // The second page's request is already on its way; it meets the fault.
    sim.setFault({ status: 502, body: 'bad gateway', paths: ['/loki/api/v1/query_range'] });
    const sent: LogRecord[] = [];
    try {
      for await (const page of answer.pages) sent.push(...page);
    } finally {
      sim.setFault(undefined);
    }
    expect(sent).toHaveLength(200);
    const { cursor, stats } = answer.end();
    expect(stats.warnings?.[0]).toMatch(/^stopped after 200 lines: .+; load more to go on$/);
    expect(stats.truncated).toBe(true);
    const rest = await ds.query({ ...base, limit: 800, cursor: cursor ?? '' }, signal());
    expect([...sent, ...rest.records].map((r) => r.id)).toEqual(whole.records.map((r) => r.id));
  });

  it('forward paging gives the oldest lines first, in order', async () => {
    const { records } = await loki({ limits: { maxEntriesPerRequest: 300 } }).query(
      { ...base, direction: 'forward', limit: 1_000 },
      signal(),
    );
    const ts = records.map((r: LogRecord) => BigInt(r.ts));
    expect(ts.every((t, i) => i === 0 || t >= (ts[i - 1] ?? 0n))).toBe(true);
    expect(records).toHaveLength(1_000);
  });

  it('counts per level add up to the lines of the range', async () => {
    const req = { ...base, query: '{namespace="payments"}', fromMs: NOW - HOUR };
    const histogram = await loki().histogram({ ...req, stepMs: 60_000 }, signal());
    expect(histogram.times).toHaveLength(60);
    const total = histogram.series.reduce((n, s) => n + s.counts.reduce((a, b) => a + b, 0), 0);
    const { records } = await loki().query({ ...req, limit: 100_000 }, signal());
    expect(total).toBe(records.length);
    expect(histogram.series.map((s) => s.name)).toContain('error');
  });

  it('draws a metric query as its own series', async () => {
    const histogram = await loki().histogram(
      {
        ...base,
        query: 'sum by (namespace) (count_over_time({namespace=~".+"}[1m]))',
        stepMs: 60_000,
      },
      signal(),
    );
    expect(histogram.series.map((s) => s.name)).toContain('{namespace="payments"}');
  });

  it('lists labels, fields and values', async () => {
    const ds = loki();
    const fields = await ds.fields({ ...base, query: '{namespace="payments"}' }, signal());
    expect(fields).toContainEqual({ name: 'namespace', type: 'label' });
    expect(fields.some((f) => f.type === 'field')).toBe(true);
    expect(await ds.values({ ...base, field: 'namespace' }, signal())).toContain('payments');
  });

  it('counts facets exactly over the range with instant queries, parsed labels too', async () => {
    const ds = loki();
    const query = '{namespace=~"shop|payments"} | json';
    const { records } = await ds.query({ ...base, query, limit: 100_000 }, signal());
    const truth = (field: string) => {
      const counts = new Map<string, number>();
      for (const r of records) {
        const v = r.fields[field] ?? r.labels[field];
        if (v !== undefined && v !== '') counts.set(v, (counts.get(v) ?? 0) + 1);
      }
      return counts;
    };
    sim.requests.length = 0;
    const facets = await ds.facets(
      { ...base, query, fields: ['pod', 'status'], size: 50 },
      signal(),
    );
    for (const facet of facets) {
      const counts = truth(facet.field);
      expect(counts.size).toBeGreaterThan(2);
      expect(facet.values).toHaveLength(Math.min(50, counts.size));
      for (const v of facet.values) expect(v.count).toBe(counts.get(v.value));
      const inTop = facet.values.reduce((n, v) => n + v.count, 0);
      expect(facet.other).toBe(records.length - inTop);
      expect(facet.sampled).toBe(false);
    }
    const instant = sim.requests.filter((r) => r.path.endsWith('/query'));
    expect(instant.map((r) => r.params.query?.[0])).toContainEqual(
      expect.stringMatching(/^topk\(51, sum by \(status\) \(count_over_time\(/),
    );
    expect(sim.requests.some((r) => r.path.endsWith('/query_range'))).toBe(false);

    const [few] = await ds.facets({ ...base, query, fields: ['pod'], size: 3 }, signal());
    expect(few?.values.map((v) => v.count)).toEqual(
      facets[0]?.values.slice(0, 3).map((v) => v.count),
    );
  });

  it('counts a field the query does not parse with the parser Loki detects it with', async () => {
    const ds = loki();
    const query = '{namespace=~"shop|payments"}';
    const parsed = await ds.facets(
      { ...base, query: `${query} | json`, fields: ['status'] },
      signal(),
    );
    const [status] = await ds.facets({ ...base, query, fields: ['status'] }, signal());
    expect(status?.values.length).toBeGreaterThan(1);
    expect(status).toEqual(parsed[0]);
    const sent = sim.requests.filter((r) => r.path.endsWith('/query'));
    expect(sent.map((r) => r.params.query?.[0])).toContainEqual(
      expect.stringMatching(/\(\{namespace=~"shop\|payments"\}\n\| json\n\| drop __error__/),
    );
  });

  it('counts facets on a sample, saying how large, where Loki refuses to count', async () => {
    const ds = loki();
    sim.setFault({
      status: 400,
      body: 'maximum number of series (500) reached for a single query',
      paths: ['/loki/api/v1/query$'],
    });
    try {
      const facets = await ds.facets({ ...base, query: '{namespace=~".+"}' }, signal());
      const pod = facets.find((f) => f.field === 'pod');
      expect(pod).toMatchObject({ sampled: true, sampleSize: 1_000 });
      const counted = (pod?.values ?? []).reduce((n, v) => n + v.count, 0) + (pod?.other ?? 0);
      expect(counted).toBe(1_000);
    } finally {
      sim.setFault(undefined);
    }
  });

  it('counts facets on a sample where exact counts take past half the timeout', async () => {
    const ds = loki({ timeoutMs: 2_000 });
    sim.setFault({ delayMs: 1_500, paths: ['/loki/api/v1/query$'] });
    try {
      const started = performance.now();
      const facets = await ds.facets({ ...base, fields: ['pod'] }, signal());
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(facets[0]).toMatchObject({ field: 'pod', sampled: true, sampleSize: 1_000 });
    } finally {
      sim.setFault(undefined);
    }
  });

  it('on Loki 2.9, without detected_fields, reads fields, values and counts from the lines', async () => {
    const old = await startLokiSim({
      now: () => NOW,
      sampleScale: 0.2,
      replay: false,
      version: '2.9.10',
    });
    try {
      const ds = createLokiDatasource(
        LokiDatasourceConfigSchema.parse({ id: 'old', kind: 'loki', url: old.url }),
      );
      const query = '{namespace=~"shop|payments"}';
      const names = async (q: string) =>
        (await ds.fields({ ...base, query: q }, signal()))
          .filter((f) => f.type === 'field')
          .map((f) => f.name);
      const fields = await names(query);
      expect(fields).toEqual(expect.arrayContaining(['status', 'latency_ms', 'trace_id']));
      expect(old.requests.some((r) => r.path.endsWith('/detected_fields'))).toBe(true);
      // Prose read as logfmt gives bare words without a value: no fields of their own.
      const springLine = /^\d{4}-\d\d-\d\d \S+ +INFO \d+ --- /;
      const { records } = await ds.query({ ...base, query, limit: 1_000 }, signal());
      expect(records.some((r) => springLine.test(r.line))).toBe(true);
      expect(fields).not.toContain('INFO');
      // A parser in the query puts its labels among the stream's on 2.9: still fields.
      const parsed = await names(`${query} | json`);
      expect(parsed).toContain('status');
      expect(parsed).not.toContain('status_extracted');
      expect(await ds.values({ ...base, query, field: 'status' }, signal())).toContain('200');

      const [status] = await ds.facets({ ...base, query, fields: ['status'] }, signal());
      const [byJson] = await ds.facets(
        { ...base, query: `${query} | json`, fields: ['status'] },
        signal(),
      );
      expect(status?.values.length).toBeGreaterThan(1);
      expect(status).toEqual(byJson);

      // Query answers come uncategorized: the parsed labels are the records' fields.
      const indexed = new Set(
        await ds
          .fields({ ...base, query }, signal())
          .then((all) => all.filter((f) => f.type === 'label').map((f) => f.name)),
      );
      const json = await ds.query({ ...base, query: `${query} | json`, limit: 500 }, signal());
      const withStatus = json.records.filter((r) => r.fields['status'] !== undefined);
      expect(withStatus.length).toBeGreaterThan(0);
      for (const r of json.records) {
        expect(Object.keys(r.labels).every((k) => indexed.has(k))).toBe(true);
        expect(r.labels['status']).toBeUndefined();
      }
    } finally {
      await old.close();
    }
  });

  it('answers KQL too: label clauses select streams, free text filters lines', async () => {
    const ds = loki();
    const kql = await ds.query(
      {
        ...base,
        language: 'kql',
        query: 'namespace:"payments" and not app:"fraud-check" and declined',
      },
      signal(),
    );
    const logql = await ds.query(
      { ...base, query: '{namespace="payments", app!="fraud-check"} |~ "(?i)declined"' },
      signal(),
    );
    expect(kql.records.map((r) => r.id)).toEqual(logql.records.map((r) => r.id));
    const sent = queryRanges().at(-2)?.params.query?.[0];
    expect(sent).toMatch(/^\{namespace="payments"/);
    const refused = await failure(
      ds.query({ ...base, language: 'kql', query: 'declined' }, signal()),
    );
    expect(refused.message).toMatch(/at least one label/);
    const typo = await failure(
      ds.query({ ...base, language: 'kql', query: 'namespace:(a or' }, signal()),
    );
    expect(typo.code).toBe('bad_query');
    expect(typo.position).toBeDefined();
  });

  it("a parse error comes back with Loki's words and the place to underline", async () => {
    const error = await failure(loki().query({ ...base, query: '{namespace="x"} |= ' }, signal()));
    expect(error.code).toBe('bad_query');
    expect(error.message).toMatch(/^Loki: parse error at line 1, col \d+/);
    expect(error.position?.from).toBeGreaterThanOrEqual(15);
  });

  it('a tenant-less request to a multi-tenant Loki is refused with a hint', async () => {
    const strict = await startLokiSim({
      now: () => NOW,
      sampleScale: 0.01,
      replay: false,
      requireTenant: true,
    });
    try {
      const url = strict.url;
      const refused = await failure(
        createLokiDatasource(
          LokiDatasourceConfigSchema.parse({ id: 'l', kind: 'loki', url }),
        ).query(base, signal()),
      );
      expect(refused.code).toBe('unauthorized');
      expect(refused.message).toContain('tenant');
      const ok = createLokiDatasource(
        LokiDatasourceConfigSchema.parse({ id: 'l', kind: 'loki', url, tenant: 'fake' }),
      );
      await expect(ok.query(base, signal())).resolves.toBeDefined();
    } finally {
      await strict.close();
    }
  });

  it('5xx and a Loki slower than the timeout give clear errors', async () => {
    for (const status of [500, 502, 503]) {
      sim.setFault({ status, body: 'upstream trouble' });
      expect((await failure(loki().query(base, signal()))).code).toBe('backend_unavailable');
    }
    sim.setFault({ status: 504, body: 'request timed out' });
    expect((await failure(loki().query(base, signal()))).code).toBe('timeout');
    sim.setFault({ delayMs: 1_000 });
    expect((await failure(loki({ timeoutMs: 200 }).query(base, signal()))).code).toBe('timeout');
    sim.setFault(undefined);
    expect(await loki().ready()).toBe(true);
  });
});
