import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { QueryProgress } from '../../../model';
import type { CloudWatchSim } from '../../../sim/cloudwatch';
import type { Datasource, DatasourceQuery } from '../datasource';
import { failure } from '../testing';
import { NOW, simDatasource, startSim, until } from './simTesting';

const HOUR = 3_600_000;
let sim: CloudWatchSim;
const open: Datasource[] = [];

beforeAll(async () => {
  sim = await startSim({ scheduledMs: 20, queryDurationMs: 150 });
});
afterEach(async () => {
  sim.setFault(undefined);
  await Promise.all(open.splice(0).map((ds) => ds.close()));
});
afterAll(() => sim.close());

const cw = (extra: Record<string, unknown> = {}): Datasource => {
  const ds = simDatasource(
    sim,
    { poll: { initialMs: 10, maxMs: 40 }, retry: { attempts: 3, initialMs: 10 }, ...extra },
    () => NOW,
  );
  open.push(ds);
  return ds;
};
const base: DatasourceQuery = {
  language: 'insights',
  query: '',
  fromMs: NOW - 6 * HOUR,
  toMs: NOW,
  limit: 200,
  direction: 'backward',
};
const signal = () => AbortSignal.timeout(15_000);
const sent = (operation: string) => sim.requests.filter((r) => r.operation === operation);
const clear = () => (sim.requests.length = 0);

describe('CloudWatch adapter against the simulator', () => {
  it('runs the console default query: epoch seconds, newest first, Kubernetes labels, scan cost', async () => {
    clear();
    const { records, stats } = await cw().query(base, signal());
    expect(records).toHaveLength(200);
    const [start] = sent('StartQuery');
    expect(start?.json).toMatchObject({
      startTime: (NOW - 6 * HOUR) / 1000,
      endTime: NOW / 1000 - 1,
      limit: 200,
      logGroupNames: [sim.groups.application],
    });
    expect(String(start?.json?.queryString)).toMatch(
      /^fields @timestamp, @message, @logStream, @log, kubernetes\.namespace_name.*\n\| sort @timestamp desc\n\| limit 200$/,
    );
    const times = records.map((r) => BigInt(r.ts));
    expect(times).toEqual([...times].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
    expect(records[0]?.labels).toMatchObject({
      '@log': expect.stringContaining('application'),
      namespace: expect.any(String),
      pod: expect.any(String),
      container: expect.any(String),
    });
    expect(records[0]?.id).toMatch(/^[A-Za-z0-9+/=]+$/);
    expect(stats.truncated).toBe(true);
    expect(stats.scan?.bytesScanned).toBeGreaterThan(0);
    expect(stats.scan?.costUsd).toBeCloseTo(((stats.scan?.bytesScanned ?? 0) / 2 ** 30) * 0.005);
    expect(sim.runningQueries()).toBe(0);
  });

  it('reports partial rows while Running, then completes with all of them', async () => {
    const seen: QueryProgress[] = [];
    const result = await cw().query(
      { ...base, query: 'filter @message like /GET/', onProgress: (p) => seen.push(p) },
      signal(),
    );
    const running = seen.filter((p) => p.state === 'running');
    expect(running.length).toBeGreaterThan(0);
    const partial = running.find((p) => p.records.length > 0 && p.records.length < 200);
    expect(partial).toBeDefined();
    expect(result.records.length).toBeGreaterThanOrEqual(partial?.records.length ?? 0);
  });

  it('answers a repeated query over the same absolute range from the cache: 0 new bytes', async () => {
    const ds = cw();
    const req = { ...base, query: 'filter @message like /error/' };
    const first = await ds.query(req, signal());
    clear();
    const again = await ds.query(req, signal());
    expect(sent('StartQuery')).toHaveLength(0);
    expect(again.records.map((r) => r.id)).toEqual(first.records.map((r) => r.id));
    expect(again.stats.scan).toEqual({
      recordsScanned: 0,
      bytesScanned: 0,
      costUsd: 0,
      cached: true,
    });
    await ds.query({ ...req, toMs: NOW - 1000 }, signal());
    expect(sent('StartQuery')).toHaveLength(1);
  });

  it('runs identical queries at once as one CloudWatch query', async () => {
    const ds = cw();
    clear();
    const req = { ...base, query: 'filter @message like /timeout/' };
    const [a, b] = await Promise.all([ds.query(req, signal()), ds.query(req, signal())]);
    expect(sent('StartQuery')).toHaveLength(1);
    expect(b.records.map((r) => r.id)).toEqual(a.records.map((r) => r.id));
  });

  it('queues queries past its share of slots and says each one its place', async () => {
    const ds = cw({ limits: { maxConcurrentQueries: 1 } });
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, sim.runningQueries())), 5);
    const places: number[][] = [[], [], []];
    await Promise.all(
      ['a', 'b', 'c'].map((word, i) =>
        ds.query(
          {
            ...base,
            query: `filter @message like /${word}/`,
            onProgress: (p) => p.state === 'queued' && places[i]?.push(p.position),
          },
          signal(),
        ),
      ),
    );
    clearInterval(watch);
    expect(most).toBe(1);
    expect(places).toEqual([[], [1], [2, 1]]);
  });

  it('stops the CloudWatch query when the caller leaves: nothing left running', async () => {
    const controller = new AbortController();
    clear();
    const pending = cw().query({ ...base, query: 'filter @message like /x/' }, controller.signal);
    await until(() => sent('StartQuery').length === 1);
    controller.abort();
    expect((await failure(pending)).code).toBe('timeout');
    await until(() => sent('StopQuery').length === 1);
    expect(sim.runningQueries()).toBe(0);
  });

  it('stops its running queries when it closes', async () => {
    clear();
    const ds = cw();
    const pending = ds.query({ ...base, query: 'filter @message like /y/' }, signal());
    await until(() => sent('StartQuery').length === 1);
    await ds.close();
    expect(sent('StopQuery')).toHaveLength(1);
    expect(sim.runningQueries()).toBe(0);
    await failure(pending);
  });

  it('stops a query that scans past the per-query budget, and refuses a user past the day', async () => {
    clear();
    const small = cw({ budget: { perQueryBytes: 1000, perUserPerDayBytes: 1_000_000_000 } });
    const stopped = await failure(
      small.query({ ...base, query: 'filter @message like /e/' }, signal()),
    );
    expect(stopped.code).toBe('limit');
    expect(stopped.message).toMatch(/per-query CloudWatch scan budget of 1000 B/);
    expect(sent('StopQuery')).toHaveLength(1);

    const req = { ...base, query: 'limit 1', user: 'ann' };
    const bytes = (await cw().query(req, signal())).stats.scan?.bytesScanned ?? 0;
    const daily = cw({ budget: { perUserPerDayBytes: bytes } });
    await daily.query(req, signal());
    const refused = await failure(daily.query({ ...req, query: 'limit 2' }, signal()));
    expect(refused.message).toMatch(/daily CloudWatch scan budget of .* for ann is used up/);
    // Bob has his own day; and the same query is in the cache, which costs nobody anything.
    const bob = await daily.query({ ...req, user: 'bob' }, signal());
    expect(bob.stats.scan?.cached).toBe(true);
  });

  it('shows rows without @timestamp (the query chose its own fields) as a table', async () => {
    const { records, stats } = await cw().query(
      { ...base, query: 'fields @logStream | limit 3' },
      signal(),
    );
    expect(records).toHaveLength(3);
    expect(stats.columns).toContain('@logStream');
    expect(records[0]?.fields['@logStream']).toEqual(expect.any(String));
  });

  it('points a malformed query at its place in the user text', async () => {
    const query = 'filter @message like "unterminated';
    const error = await failure(cw().query({ ...base, query }, signal()));
    expect(error.code).toBe('bad_query');
    expect(error.position?.from).toBeGreaterThanOrEqual(0);
    expect(error.position?.to).toBeLessThanOrEqual(query.length + 1);
  });

  it('retries throttling, then answers; expired credentials are forbidden, timeouts explained', async () => {
    clear();
    sim.setFault({ throttle: 2, operations: ['StartQuery'] });
    await cw().query({ ...base, query: 'limit 3' }, signal());
    expect(sent('StartQuery')).toHaveLength(3);

    sim.setFault({ expiredCredentials: true });
    const expired = await failure(cw().query({ ...base, query: 'limit 4' }, signal()));
    expect(expired.code).toBe('forbidden');
    expect(expired.message).toMatch(/credentials/);

    sim.setFault({ queryEndsWith: 'Timeout' });
    const timedOut = await failure(cw().query({ ...base, query: 'limit 5' }, signal()));
    expect(timedOut.code).toBe('timeout');
    expect(timedOut.message).toMatch(/60-minute limit/);
  });

  it('draws a gap-free histogram whose bars add up to the lines of the range', async () => {
    const ds = cw();
    const stepMs = 15 * 60_000;
    const histogram = await ds.histogram({ ...base, stepMs }, signal());
    expect(histogram.times).toHaveLength(24);
    expect(histogram.times[0]).toBe(NOW - 6 * HOUR);
    // No level field in Container Insights lines: the level words of the lines split the bars.
    expect(histogram.series.map((s) => s.name)).toEqual(
      expect.arrayContaining(['info', 'error', 'unknown']),
    );
    const total = histogram.series.flatMap((s) => s.counts).reduce((a, b) => a + b, 0);
    const counted = await ds.query({ ...base, query: 'stats count(*) as n' }, signal());
    expect(total).toBe(Number(counted.records[0]?.fields.n));
    expect(counted.stats.columns).toEqual(['n']);
    expect(histogram.scan?.bytesScanned).toBeGreaterThan(0);
  });

  it('counts a facet exactly over the range, as many values as asked', async () => {
    const ds = cw();
    const req = { ...base, fromMs: NOW - HOUR / 2 };
    const { records } = await ds.query({ ...req, limit: 10_000 }, signal());
    expect(records.length).toBeLessThan(10_000);
    const pods = new Map<string, number>();
    for (const r of records) {
      const pod = r.labels.pod;
      if (pod !== undefined) pods.set(pod, (pods.get(pod) ?? 0) + 1);
    }
    expect(pods.size).toBeGreaterThan(10);
    const [few] = await ds.facets({ ...req, fields: ['pod'] }, signal());
    const [many] = await ds.facets({ ...req, fields: ['pod'], size: 500 }, signal());
    expect(few?.values).toHaveLength(10);
    expect(many?.values).toHaveLength(pods.size);
    for (const v of many?.values ?? []) expect(v.count).toBe(pods.get(v.value));
    const inTop = (few?.values ?? []).reduce((n, v) => n + v.count, 0);
    expect(few?.other).toBe(records.length - inTop);
    expect(many?.sampled).toBe(false);
  });

  it('counts facets and values by stats, lists fields and log groups, and reads one record', async () => {
    const ds = cw();
    const facets = await ds.facets({ ...base, fields: ['namespace'] }, signal());
    expect(facets[0]?.field).toBe('namespace');
    expect(facets[0]?.values.length).toBeGreaterThan(1);
    expect(facets[0]?.scan?.bytesScanned).toBeGreaterThan(0);
    const values = await ds.values({ ...base, field: 'namespace' }, signal());
    expect(values.slice(0, 10)).toEqual(facets[0]?.values.map((v) => v.value));
    const unasked = { fromMs: base.fromMs, toMs: base.toMs, language: 'logql' as const };
    expect(await ds.values({ ...unasked, field: 'namespace' }, signal())).toEqual(values);
    // More namespaces than the facet shows: the lines of the rest are counted as other.
    expect(values.length).toBeGreaterThan(10);
    expect(facets[0]?.other).toBeGreaterThan(0);
    clear();
    const all = await ds.facets(base, signal());
    expect(sent('StartQuery')).toHaveLength(1);
    expect(all.map((f) => f.field)).toEqual(['namespace', 'pod', 'container', 'node', 'app']);
    // The same counts as the namespace's own query (ties may stand in another order).
    expect(all[0]?.values.map((v) => v.count)).toEqual(facets[0]?.values.map((v) => v.count));
    expect(all[0]?.other).toBe(facets[0]?.other);
    expect(all.filter((f) => f.scan).map((f) => f.field)).toEqual(['namespace']);
    const fields = await ds.fields(base, signal());
    expect(fields).toContainEqual({ name: 'kubernetes.pod_name', type: 'label' });
    const targets = await ds.targets?.(signal(), '/aws/containerinsights/');
    expect(targets?.map((t) => t.name)).toEqual([sim.groups.application, sim.groups.dataplane]);
    const [first] = (await ds.query({ ...base, limit: 1 }, signal())).records;
    const detail = await ds.record?.(first?.id ?? '', signal());
    expect(detail).toMatchObject({ id: first?.id, ts: first?.ts, line: first?.line });
  });

  it('answers KQL and LogQL through Insights with the mapped Kubernetes names', async () => {
    const ds = cw();
    const kql = await ds.query({ ...base, language: 'kql', query: 'namespace:shop' }, signal());
    expect(kql.records.length).toBeGreaterThan(0);
    expect(new Set(kql.records.map((r) => r.labels.namespace))).toEqual(new Set(['shop']));
    const logql = await ds.query(
      { ...base, language: 'logql', query: '{namespace="shop"} |= "GET"' },
      signal(),
    );
    expect(logql.records.length).toBeGreaterThan(0);
    expect(logql.records.every((r) => r.line.includes('GET'))).toBe(true);
    const lucene = await failure(ds.query({ ...base, language: 'lucene', query: 'a' }, signal()));
    expect([lucene.code, lucene.message]).toEqual([
      'unsupported',
      'this CloudWatch datasource answers Logs Insights QL, LogQL and KQL; lucene cannot be translated to Insights',
    ]);
  });

  it('searches the log groups a query names, up to 50', async () => {
    clear();
    const targets = [sim.groups.application, sim.groups.dataplane];
    const { records } = await cw().query({ ...base, limit: 2_000, targets }, signal());
    expect(sent('StartQuery')[0]?.json?.logGroupNames).toEqual(targets);
    expect(new Set(records.map((r) => r.labels['@log']?.split(':').at(-1)))).toEqual(
      new Set(targets),
    );
    const many = Array.from({ length: 51 }, (_, i) => `/g/${i}`);
    expect((await failure(cw().query({ ...base, targets: many }, signal()))).code).toBe('limit');
  });

  it('keeps looking the fields up for a caller that joined one who left', async () => {
    const ds = cw();
    sim.setFault({ delayMs: 100, operations: ['GetLogGroupFields'] });
    const leaves = new AbortController();
    const first = ds.fields(base, leaves.signal);
    const second = ds.fields(base, signal());
    await until(() => sent('GetLogGroupFields').length > 0);
    leaves.abort();
    expect((await failure(first)).code).toBe('timeout');
    expect(await second).toContainEqual({ name: 'kubernetes.pod_name', type: 'label' });
  });

  it('explains the StartQuery requests it would send', () => {
    const requests = cw().explain({ ...base, query: 'filter @message like /x/', stepMs: 60_000 });
    expect(requests.map((r) => r.headers?.['X-Amz-Target'])).toEqual([
      'Logs_20140328.StartQuery',
      'Logs_20140328.StartQuery',
    ]);
    expect(requests[1]?.body).toMatchObject({ queryString: expect.stringContaining('bin(') });
  });

  it('checks readiness cheaply with one DescribeLogGroups of one group', async () => {
    clear();
    expect(await cw().ready()).toBe(true);
    expect(sent('DescribeLogGroups').map((r) => r.json?.limit)).toEqual([1]);
  });
});
