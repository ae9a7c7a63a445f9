import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startElasticsearchSim, type ElasticsearchSim } from './index';
import { call, expectShape, searchFixture, hitIds, searchOk, total, type Json } from './testing';

const NOW = Date.parse('2026-03-02T12:00:00Z');
let sim: ElasticsearchSim;

/** 25 documents on 5 timestamps: paging must cross groups that share one. */
const SAME_TS = Array.from({ length: 25 }, (_, i) => ({
  _id: `p${String(i).padStart(2, '0')}`,
  '@timestamp': new Date(NOW - 60_000 + Math.floor(i / 5) * 1000).toISOString(),
  log: `page line ${i}`,
  level: i % 2 === 0 ? 'info' : 'error',
}));

beforeAll(async () => {
  sim = await startElasticsearchSim({ sampleScale: 0.01, replay: false, now: () => NOW });
  sim.bulk('paging', SAME_TS);
});
afterAll(() => sim.close());

/** What Grafana sends for a logs panel (BACKENDS.md §2.1). */
const GRAFANA_LOGS = {
  size: 500,
  query: {
    bool: {
      filter: [
        { range: { '@timestamp': { gte: NOW - 3_600_000, lte: NOW, format: 'epoch_millis' } } },
        { query_string: { analyze_wildcard: true, query: 'level:error' } },
      ],
    },
  },
  sort: [
    { '@timestamp': { order: 'desc', unmapped_type: 'boolean' } },
    { _doc: { order: 'desc' } },
  ],
  script_fields: {},
  fields: [{ field: '@timestamp', format: 'strict_date_optional_time_nanos' }],
  highlight: {
    pre_tags: ['@HIGHLIGHT@'],
    post_tags: ['@/HIGHLIGHT@'],
    fragment_size: 2147483647,
    fields: { '*': {} },
  },
};

describe('GET /', () => {
  it('says Elasticsearch 8 with the product header the official client checks', async () => {
    const res = await fetch(sim.url);
    expect(res.headers.get('x-elastic-product')).toBe('Elasticsearch');
    expect(res.headers.get('content-type')).toBe('application/json');
    const body = (await res.json()) as Json;
    expect(body).toMatchObject({
      cluster_name: 'logsift-sim',
      version: { build_flavor: 'default', lucene_version: expect.any(String) },
      tagline: 'You Know, for Search',
    });
    expect((body.version as Json).number).toMatch(/^8\./);
  });
});

describe('_search', () => {
  it('answers a Grafana logs request in the shape of a real answer', async () => {
    const answer = await searchOk(sim.url, 'fluentd-*', GRAFANA_LOGS);
    const realSearch = searchFixture('msearch_logs_hits_highlight_sort.json');
    // Documents and highlighted fields differ by index; their containers must not.
    for (const hit of (realSearch.hits as Json).hits as Json[]) {
      hit._source = {};
      hit.highlight = {};
    }
    expectShape(answer, realSearch);
    const hit = ((answer.hits as Json).hits as Json[])[0] as Json;
    expect(hit._score).toBeNull();
    expect(hit.sort).toEqual([expect.any(Number), expect.any(Number)]);
    expect((hit.highlight as Json).level).toEqual(['@HIGHLIGHT@error@/HIGHLIGHT@']);
    expect((hit.fields as Json)['@timestamp']).toEqual([
      expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/),
    ]);
    expect(hit.sort).toEqual([
      Date.parse((hit._source as Json)['@timestamp'] as string),
      expect.any(Number),
    ]);
  });

  it('answers both mappings from the same lines', async () => {
    const fluent = await searchOk(sim.url, 'fluentd-*', {
      size: 0,
      query: { term: { level: 'error' } },
    });
    const ecs = await searchOk(sim.url, 'logs-*', {
      size: 0,
      query: { term: { 'log.level': 'error' } },
    });
    expect(total(fluent)).toBeGreaterThan(0);
    expect(total(ecs)).toBe(total(fluent));
    const ns = await searchOk(sim.url, 'logs-*', {
      size: 1,
      query: {
        bool: {
          filter: [
            { term: { 'kubernetes.namespace': 'payments' } },
            { exists: { field: 'container.name' } },
          ],
        },
      },
    });
    const source = ((ns.hits as Json).hits as Json[])[0]?._source as Json;
    expect(source).toMatchObject({
      message: expect.any(String),
      kubernetes: { namespace: 'payments', pod: { name: expect.any(String) } },
    });
  });

  it('pages with search_after over documents sharing a timestamp, without loss or repeat', async () => {
    const seen: string[] = [];
    let after: unknown;
    for (let page = 0; page < 10; page++) {
      const answer = await searchOk(sim.url, 'paging', {
        size: 4,
        sort: [{ '@timestamp': 'desc' }, { _doc: 'desc' }],
        ...(after ? { search_after: after } : {}),
      });
      const hits = (answer.hits as Json).hits as Json[];
      if (hits.length === 0) break;
      seen.push(...hits.map((h) => String(h._id)));
      after = hits.at(-1)?.sort;
    }
    const expected = SAME_TS.map((d) => d._id).reverse();
    expect(seen).toEqual(expected);
  });

  it('skips the whole tie group when the tiebreaker is left out, as a real cluster does', async () => {
    const first = await searchOk(sim.url, 'paging', { size: 3, sort: [{ '@timestamp': 'asc' }] });
    const next = await searchOk(sim.url, 'paging', {
      size: 3,
      sort: [{ '@timestamp': 'asc' }],
      search_after: ((first.hits as Json).hits as Json[]).at(-1)?.sort,
    });
    expect(hitIds(next)).toEqual(['p05', 'p06', 'p07']);
  });

  it('counts hits exactly up to 10,000, then says gte; exactly with true; not at all with false', async () => {
    const capped = await searchOk(sim.url, 'fluentd-*,logs-*', { size: 0, track_total_hits: 5 });
    expect((capped.hits as Json).total).toEqual({ value: 5, relation: 'gte' });
    const exact = await searchOk(sim.url, 'paging', { size: 0, track_total_hits: true });
    expect((exact.hits as Json).total).toEqual({ value: 25, relation: 'eq' });
    const none = await searchOk(sim.url, 'paging', { size: 0, track_total_hits: false });
    expect((none.hits as Json).total).toBeUndefined();
  });

  it('pages with from and size, refusing a window past max_result_window', async () => {
    const answer = await searchOk(sim.url, 'paging', { from: 20, size: 10, sort: ['_doc'] });
    expect(hitIds(answer)).toEqual(['p20', 'p21', 'p22', 'p23', 'p24']);
    const { status, json } = await call(`${sim.url}/paging/_search`, 'POST', {
      from: 9995,
      size: 10,
    });
    expect(status).toBe(400);
    expect(((json.error as Json).root_cause as Json[])[0]).toEqual({
      type: 'illegal_argument_exception',
      reason:
        'Result window is too large, from + size must be less than or equal to: [10000] but was [10005]. See the scroll api for a more efficient way to request large data sets. This limit can be set by changing the [index.max_result_window] index level setting.',
    });
  });

  it('filters _source and returns fields and docvalue_fields', async () => {
    const answer = await searchOk(sim.url, 'fluentd-*', {
      size: 1,
      _source: { includes: ['kubernetes.*', 'log'], excludes: ['kubernetes.labels'] },
      docvalue_fields: [
        { field: '@timestamp', format: 'epoch_millis' },
        'kubernetes.namespace_name',
      ],
      query: { exists: { field: 'kubernetes.labels.app' } },
    });
    const hit = ((answer.hits as Json).hits as Json[])[0] as Json;
    expect(Object.keys(hit._source as Json).sort()).toEqual(['kubernetes', 'log']);
    expect((hit._source as Json).kubernetes).not.toHaveProperty('labels');
    expect((hit.fields as Json)['@timestamp']).toEqual([expect.stringMatching(/^\d{13}$/)]);
    const none = await searchOk(sim.url, 'paging', { size: 1, _source: false });
    expect(((none.hits as Json).hits as Json[])[0]).not.toHaveProperty('_source');
  });

  it('highlights matched words of text fields with the given tags', async () => {
    const answer = await searchOk(sim.url, 'paging', {
      size: 1,
      sort: ['_doc'],
      query: { match: { log: 'page 0' } },
      highlight: { pre_tags: ['<b>'], post_tags: ['</b>'], fields: { log: {} } },
    });
    expect(((answer.hits as Json).hits as Json[])[0]?.highlight).toEqual({
      log: ['<b>page</b> line <b>0</b>'],
    });
  });

  it('answers _msearch as NDJSON pairs with a status each', async () => {
    const body = `{"index":"paging"}\n${JSON.stringify({ size: 0 })}\n{"index":"missing"}\n{}\n`;
    const { status, json } = await call(`${sim.url}/_msearch`, 'POST', body, {
      'content-type': 'application/x-ndjson',
    });
    expect(status).toBe(200);
    const [ok, missing] = json.responses as Json[];
    expect(ok).toMatchObject({ status: 200, hits: { total: { value: 25 } } });
    expect(missing).toMatchObject({ status: 404, error: { type: 'index_not_found_exception' } });
  });

  it('refuses sorting on a text field and on an unmapped one without unmapped_type', async () => {
    const text = await call(`${sim.url}/paging/_search`, 'POST', { sort: ['log'] });
    expect(text.status).toBe(400);
    expect(JSON.stringify(text.json)).toContain('Text fields are not optimised');
    const unmapped = await call(`${sim.url}/paging/_search`, 'POST', { sort: ['nope'] });
    expect(unmapped.status).toBe(400);
    expect(JSON.stringify(unmapped.json)).toContain(
      'No mapping found for [nope] in order to sort on',
    );
    const typed = await searchOk(sim.url, 'paging', {
      size: 1,
      sort: [{ nope: { unmapped_type: 'boolean' } }],
    });
    expect(total(typed)).toBe(25);
  });
});
