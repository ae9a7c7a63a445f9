import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TailMessage } from '../../../model';
import { startElasticsearchSim, type ElasticsearchSim } from '../../../sim/elasticsearch';
import type { Datasource, DatasourceQuery } from '../datasource';
import { failure } from '../testing';
import { createElasticsearchDatasource, ElasticsearchDatasourceConfigSchema } from '.';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const HOUR = 3_600_000;
let es: ElasticsearchSim;
let os: ElasticsearchSim;

beforeAll(async () => {
  [es, os] = await Promise.all([
    startElasticsearchSim({ now: () => NOW, sampleScale: 0.2, replay: false }),
    startElasticsearchSim({
      now: () => NOW,
      sampleScale: 0.2,
      replay: false,
      flavor: 'opensearch',
    }),
  ]);
});
afterAll(() => Promise.all([es.close(), os.close()]));

const datasource = (sim: ElasticsearchSim, extra: Record<string, unknown> = {}): Datasource =>
  createElasticsearchDatasource(
    ElasticsearchDatasourceConfigSchema.parse({
      id: 'es',
      kind: 'elasticsearch',
      url: sim.url,
      index: 'fluentd-*',
      ...extra,
    }),
    { now: () => NOW },
  );
const base: DatasourceQuery = {
  language: 'kql',
  query: '',
  fromMs: NOW - 3 * HOUR,
  toMs: NOW,
  limit: 100,
  direction: 'backward',
};
const signal = () => AbortSignal.timeout(20_000);
const ids = (records: { id: string }[]) => records.map((r) => r.id);

describe.each([
  ['Elasticsearch', () => es],
  ['OpenSearch', () => os],
])('%s through the adapter', (_name, sim) => {
  it('pages past one search with a point in time: same documents as one big answer, none twice', async () => {
    const whole = await datasource(sim()).query({ ...base, limit: 3_000 }, signal());
    expect(whole.records).toHaveLength(3_000);
    expect(whole.stats.total).toBeGreaterThan(3_000);
    sim().requests.length = 0;
    const paged = await datasource(sim(), { limits: { pageSize: 700 } }).query(
      { ...base, limit: 3_000 },
      signal(),
    );
    expect(ids(paged.records)).toEqual(ids(whole.records));
    const paths = sim().requests.map((r) => `${r.method} ${r.path}`);
    expect(paths.some((p) => /_pit|point_in_time/.test(p) && p.startsWith('POST'))).toBe(true);
    expect(paths.some((p) => /_pit|point_in_time/.test(p) && p.startsWith('DELETE'))).toBe(true);
  });

  it('KQL on mapped Kubernetes names, counted per level, faceted by terms', async () => {
    const ds = datasource(sim());
    const req = { ...base, query: 'namespace:"payments" and not level:debug', fromMs: NOW - HOUR };
    const { records, stats } = await ds.query({ ...req, limit: 10_000 }, signal());
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((r) => r.labels.namespace === 'payments')).toBe(true);
    expect(Object.keys(records[0]?.labels ?? {}).sort()).toEqual([
      'app',
      'container',
      'namespace',
      'node',
      'pod',
    ]);
    expect(stats.total).toBe(records.length);
    const histogram = await ds.histogram({ ...req, stepMs: 60_000 }, signal());
    expect(histogram.times).toHaveLength(60);
    const counted = histogram.series.reduce((n, s) => n + s.counts.reduce((a, b) => a + b, 0), 0);
    expect(counted).toBe(records.length);
    expect(histogram.series.map((s) => s.name)).toContain('error');
    const facets = await ds.facets(req, signal());
    expect(facets.find((f) => f.field === 'namespace')?.values).toEqual([
      { value: 'payments', count: records.length },
    ]);
  });

  it('counts facets over every matching document, as many values as asked', async () => {
    const ds = datasource(sim());
    const req = { ...base, query: 'not level:debug' };
    const { records, stats } = await ds.query({ ...req, limit: 100_000 }, signal());
    expect(stats.total).toBe(records.length);
    const pods = new Map<string, number>();
    let without = 0;
    for (const r of records) {
      const pod = r.labels.pod;
      if (pod === undefined) without++;
      else pods.set(pod, (pods.get(pod) ?? 0) + 1);
    }
    expect(pods.size).toBeGreaterThan(10);
    const [few] = await ds.facets({ ...req, fields: ['pod'] }, signal());
    const [many] = await ds.facets({ ...req, fields: ['pod'], size: 500 }, signal());
    expect(few?.values).toHaveLength(10);
    expect(many?.values).toHaveLength(pods.size);
    for (const v of many?.values ?? []) expect(v.count).toBe(pods.get(v.value));
    // Documents without the field are the only others once every value is shown.
    expect(many?.other).toBe(without);
    const inTop = (few?.values ?? []).reduce((n, v) => n + v.count, 0);
    expect(few?.other).toBe(records.length - inTop);
    expect(few?.sampled).toBe(false);
  });

  it('Lucene and LogQL reach the same documents as KQL', async () => {
    const ds = datasource(sim());
    const kql = await ds.query({ ...base, query: 'namespace:"payments"' }, signal());
    const lucene = await ds.query(
      { ...base, language: 'lucene', query: 'kubernetes.namespace_name:payments' },
      signal(),
    );
    const logql = await ds.query(
      { ...base, language: 'logql', query: '{namespace="payments"}' },
      signal(),
    );
    expect(ids(lucene.records)).toEqual(ids(kql.records));
    expect(ids(logql.records)).toEqual(ids(kql.records));
  });

  it('narrows to one target of the pattern, and never outside it', async () => {
    const ds = datasource(sim());
    const targets = (await ds.targets?.(signal())) ?? [];
    const target = `fluentd-${new Date(NOW).toISOString().slice(0, 10).replace(/-/g, '.')}`;
    expect(targets.map((t) => t.name)).toContain(target);
    const narrowed = await ds.query({ ...base, target, limit: 500 }, signal());
    expect(narrowed.records.length).toBeGreaterThan(0);
    expect(narrowed.records.every((r) => r.id.startsWith(`${target}/`))).toBe(true);
    const outside = await failure(ds.query({ ...base, target: '.security' }, signal()));
    expect(outside.code).toBe('forbidden');
    expect(outside.message).toContain('outside this datasource');
  });

  it('lists fields from _field_caps, values by terms, and the indices of the pattern', async () => {
    const ds = datasource(sim());
    const fields = await ds.fields({ ...base }, signal());
    expect(fields).toContainEqual({ name: 'namespace', type: 'label' });
    expect(fields).toContainEqual({ name: 'log', type: 'field' });
    expect(await ds.values({ ...base, field: 'namespace' }, signal())).toContain('payments');
    const targets = await ds.targets?.(signal());
    expect(targets?.some((t) => t.name.startsWith('fluentd-'))).toBe(true);
  });
});

describe('Elasticsearch faults and errors', () => {
  it('sends an API key, basic auth or a bearer token; without one, security_exception', async () => {
    const secured = await startElasticsearchSim({
      sampleScale: 0.01,
      replay: false,
      requireAuth: { apiKey: 'a2V5OnNlY3JldA==', basic: { username: 'elastic', password: 'pw' } },
    });
    try {
      process.env.ES_TEST_KEY = 'a2V5OnNlY3JldA==';
      process.env.ES_TEST_PASSWORD = 'pw';
      const withKey = datasource(secured, { auth: { apiKey: { env: 'ES_TEST_KEY' } } });
      await expect(withKey.query(base, signal())).resolves.toBeDefined();
      expect(secured.requests.at(-1)?.headers.authorization).toBe('ApiKey a2V5OnNlY3JldA==');
      const withBasic = datasource(secured, {
        auth: { basic: { username: 'elastic', password: { env: 'ES_TEST_PASSWORD' } } },
      });
      await expect(withBasic.query(base, signal())).resolves.toBeDefined();
      const denied = await failure(datasource(secured).query(base, signal()));
      expect(denied.code).toBe('unauthorized');
      expect(denied.message).toMatch(/^Elasticsearch: .*authentication/);
    } finally {
      await secured.close();
    }
  });

  it('a Lucene parse error points into the query; a missing index names the pattern', async () => {
    const bad = await failure(
      datasource(es).query({ ...base, language: 'lucene', query: 'namespace:(payments' }, signal()),
    );
    expect(bad.code).toBe('bad_query');
    expect(bad.message).toMatch(/Cannot parse/);
    expect(bad.position).toBeDefined();
    const missing = await failure(
      datasource(es, { index: 'nothing' }).query({ ...base }, signal()),
    );
    expect(missing.message).toContain('no index matches "nothing"');
  });

  it('a PIT that expires mid-paging is reopened and paging resumes without repeats', async () => {
    const ds = datasource(es, { limits: { pageSize: 500 } });
    const whole = await datasource(es).query({ ...base, limit: 2_000 }, signal());
    let expired = false;
    const original = es.requests.push.bind(es.requests);
    es.requests.push = (...items) => {
      // After the second page, every open PIT is dropped, as if keep_alive had run out.
      if (!expired && es.requests.filter((r) => r.path === '/_search').length >= 2) {
        expired = true;
        es.setFault({ expirePits: true });
        setTimeout(() => es.setFault(undefined), 0);
      }
      return original(...items);
    };
    const paged = await ds.query({ ...base, limit: 2_000 }, signal());
    es.requests.push = original;
    expect(expired).toBe(true);
    expect(ids(paged.records)).toEqual(ids(whole.records));
  });

  it('a cluster lost mid-paging: the pages sent stay, with a warning and a cursor that goes on', async () => {
    const ds = datasource(es, { limits: { pageSize: 500 } });
    const whole = await datasource(es).query({ ...base, limit: 2_000 }, signal());
    const searches = () => es.requests.filter((r) => r.path === '/_search').length;
    const before = searches();
    const original = es.requests.push.bind(es.requests);
    es.requests.push = (...items) => {
      if (searches() - before >= 2) {
        es.setFault({ status: 503, paths: ['/_search'] });
      }
      return original(...items);
    };
    const answer = await ds.queryPages?.({ ...base, limit: 2_000 }, signal());
    const first: string[] = [];
    for await (const page of answer?.pages ?? []) first.push(...ids(page));
    es.requests.push = original;
    es.setFault(undefined);
    const end = answer?.end();
    expect(first.length).toBeGreaterThanOrEqual(500);
    expect(first.length).toBeLessThan(2_000);
    expect(end?.stats.warnings?.join()).toMatch(/stopped after \d+ documents/);
    expect(end?.stats.truncated).toBe(true);
    const rest = await ds.query(
      { ...base, limit: 2_000 - first.length, cursor: end?.cursor ?? '' },
      signal(),
    );
    expect([...first, ...ids(rest.records)]).toEqual(ids(whole.records));
  });

  it('shard failures inside a 200 become a visible warning; a slow cluster a timeout', async () => {
    es.setFault({ shardFailures: 1 });
    const partial = await datasource(es).query({ ...base }, signal());
    expect(partial.stats.warnings?.[0]).toMatch(/shard/);
    es.setFault({ delayMs: 1_000 });
    expect((await failure(datasource(es, { timeoutMs: 200 }).query(base, signal()))).code).toBe(
      'timeout',
    );
    es.setFault({ status: 503 });
    expect((await failure(datasource(es).query(base, signal()))).code).toBe('backend_unavailable');
    es.setFault(undefined);
  });

  it('tail polls from its start: many documents at one millisecond, each once', async () => {
    const live = await startElasticsearchSim({ sampleScale: 0.01, replay: false });
    try {
      const ds = createElasticsearchDatasource(
        ElasticsearchDatasourceConfigSchema.parse({
          id: 'es',
          kind: 'elasticsearch',
          url: live.url,
          index: 'fluentd-*',
          tail: { intervalMs: 500 },
        }),
      );
      const messages: TailMessage[] = [];
      const session = ds.tail?.({ language: 'kql', query: 'namespace:"tail-test"' }, (m) =>
        messages.push(m),
      );
      await new Promise((r) => setTimeout(r, 300));
      const docs = (n: number, at: string) =>
        Array.from({ length: n }, (_, i) => ({
          '@timestamp': at,
          log: `tail ${at} ${i}`,
          kubernetes: { namespace_name: 'tail-test' },
        }));
      const at = new Date().toISOString();
      // Today's index has Fluent Bit's template (keyword namespace), as a real one would.
      const index = `fluentd-${at.slice(0, 10).replace(/-/g, '.')}`;
      live.bulk(index, docs(30, at));
      await new Promise((r) => setTimeout(r, 800));
      live.bulk(
        index,
        docs(5, at).map((d, i) => ({ ...d, log: `late ${i}` })),
      );
      await new Promise((r) => setTimeout(r, 1_200));
      session?.close();
      const lines = messages.flatMap((m) =>
        m.type === 'records' ? m.records.map((r) => r.line) : [],
      );
      expect(lines).toHaveLength(35);
      expect(new Set(lines).size).toBe(35);
    } finally {
      await live.close();
    }
  });
});
