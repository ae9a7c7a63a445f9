import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogRecord } from '../../../model';
import { startElasticsearchSim, type ElasticsearchSim } from '../../../sim/elasticsearch';
import { createElasticsearchDatasource, ElasticsearchDatasourceConfigSchema } from '.';
import { streamFilters } from './context';

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

const datasource = (sim: ElasticsearchSim) =>
  createElasticsearchDatasource(
    ElasticsearchDatasourceConfigSchema.parse({
      id: 'es',
      kind: 'elasticsearch',
      url: sim.url,
      index: 'fluentd-*',
    }),
    { now: () => NOW },
  );
const signal = () => AbortSignal.timeout(20_000);
const order = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

describe('streamFilters', () => {
  it('filters on the pod and container, mapped back to the shipper’s fields', () => {
    const map = { pod: 'kubernetes.pod_name', container: 'kubernetes.container_name', node: 'n' };
    expect(streamFilters({ pod: 'p', container: 'c', node: 'x' }, map, new Map())).toEqual([
      { term: { 'kubernetes.pod_name': 'p' } },
      { term: { 'kubernetes.container_name': 'c' } },
    ]);
    expect(streamFilters({ node: 'x' }, map, new Map())).toEqual([{ term: { n: 'x' } }]);
    expect(() => streamFilters({}, map, new Map())).toThrow(/no pod, container/);
  });
});

describe.each([
  ['Elasticsearch', () => es],
  ['OpenSearch', () => os],
])('%s context', (_name, sim) => {
  it('gives the documents of the record’s pod just before and after it, in time order', async () => {
    const ds = datasource(sim());
    const listed = await ds.query(
      {
        language: 'kql',
        query: 'kubernetes.namespace_name:shop',
        fromMs: NOW - 3 * HOUR,
        toMs: NOW,
        limit: 300,
        direction: 'backward',
      },
      signal(),
    );
    const record = listed.records[200];
    if (!record) throw new Error('no sample document');
    const pod = record.labels['pod'] ?? '';
    const stream = await ds.query(
      {
        language: 'kql',
        query: `kubernetes.pod_name:"${pod}"`,
        fromMs: NOW - 6 * HOUR,
        toMs: NOW,
        limit: 5_000,
        direction: 'forward',
      },
      signal(),
    );
    const times = stream.records.map((r) => r.ts);
    const at = stream.records.findIndex((r) => r.id === record.id);
    expect(at).toBeGreaterThan(10);

    sim().requests.length = 0;
    const res = await ds.context?.({ record, before: 10, after: 7 }, signal());
    const sorts = sim()
      .requests.filter((r) => r.path.endsWith('_search'))
      .map((r) => JSON.stringify((r.json as { sort?: unknown }).sort));
    // Elasticsearch breaks time ties by _shard_doc in a point in time; OpenSearch has none.
    expect(sorts.every((s) => s.includes('_shard_doc'))).toBe(_name === 'Elasticsearch');
    const before = res?.before ?? [];
    const after = res?.after ?? [];
    expect(before).toHaveLength(10);
    expect(after).toHaveLength(7);
    const all: LogRecord[] = [...before, record, ...after];
    expect(all.map((r) => r.ts)).toEqual([...all.map((r) => r.ts)].sort(order));
    expect(before.map((r) => r.ts)).toEqual(times.slice(at - 10, at));
    expect(after.map((r) => r.ts)).toEqual(times.slice(at + 1, at + 8));
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    for (const r of [...before, ...after]) expect(r.labels['pod']).toBe(pod);
  });

  it('answers nothing for a side asked no lines', async () => {
    const ds = datasource(sim());
    const listed = await ds.query(
      {
        language: 'kql',
        query: '',
        fromMs: NOW - HOUR,
        toMs: NOW,
        limit: 50,
        direction: 'backward',
      },
      signal(),
    );
    const record = listed.records[40];
    if (!record) throw new Error('no sample document');
    const res = await ds.context?.({ record, before: 0, after: 3 }, signal());
    expect(res?.before).toEqual([]);
    expect(res?.after).toHaveLength(3);
  });
});
