import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startElasticsearchSim, type ElasticsearchSim } from './index';
import { call, expectShape, fixture, searchFixture, searchOk, type Json } from './testing';

let sim: ElasticsearchSim;

/** Grafana's request (fixture) runs over documents shaped like its own test data. */
const REQUEST = fixture('request_terms_date_histogram_extended_bounds.json');
const MIN = 1668422437218;
const MAX = 1668422625668;

beforeAll(async () => {
  sim = await startElasticsearchSim({ sampleScale: 0, replay: false });
  const properties = {
    testtime: { type: 'date' },
    label: { type: 'keyword' },
    value: { type: 'float' },
  };
  await call(`${sim.url}/metrics`, 'PUT', { mappings: { properties } });
  const docs = Array.from({ length: 60 }, (_, i) => ({
    // Nothing in the first minute, so extended_bounds must add an empty bucket there.
    testtime: new Date(1668422460000 + i * 2500).toISOString(),
    label: ['val1', 'val2', 'val3'][i % 3],
    value: i,
  }));
  sim.bulk('metrics', [...docs, { testtime: new Date(MIN + 10).toISOString(), value: 1000 }]);
});
afterAll(() => sim.close());

type Bucket = { key: unknown; key_as_string?: string; doc_count: number } & Json;

function buckets(agg: unknown): Bucket[] {
  return (agg as { buckets: Bucket[] }).buckets;
}

describe('aggregations', () => {
  it('answers Grafana’s terms + date_histogram request in the fixture’s shape', async () => {
    const answer = await searchOk(sim.url, 'metrics', REQUEST);
    const realSearch = searchFixture('msearch_terms_date_histogram_count.json');
    expectShape(answer, realSearch);
    expect((answer.hits as Json).hits).toEqual([]);
    const terms = buckets((answer.aggregations as Json)['3']);
    expect(terms.map((b) => b.key)).toEqual(['val3', 'val2', 'val1']);
    expect(terms.map((b) => b.doc_count)).toEqual([20, 20, 20]);
    const histogram = buckets(terms[0]?.['2']);
    // Keys are aligned to the minute from the epoch; the bounds make four buckets.
    expect(histogram.map((b) => b.key)).toEqual([
      1668422400000, 1668422460000, 1668422520000, 1668422580000,
    ]);
    expect(histogram[0]).toEqual({
      key_as_string: '1668422400000',
      key: 1668422400000,
      doc_count: 0,
    });
    expect(histogram.reduce((n, b) => n + b.doc_count, 0)).toBe(20);
  });

  it('computes metric sub-aggregations as in the avg fixture', async () => {
    const answer = await searchOk(sim.url, 'metrics', {
      size: 0,
      aggs: {
        '4': {
          terms: { field: 'label', size: 10, order: { _key: 'desc' } },
          aggs: {
            '2': {
              date_histogram: { field: 'testtime', fixed_interval: '1m', format: 'epoch_millis' },
              aggs: { '1': { avg: { field: 'value' } }, '3': { max: { field: 'value' } } },
            },
          },
        },
      },
    });
    const real = searchFixture('msearch_terms_date_histogram_avg_metrics.json');
    expectShape(answer.aggregations, real.aggregations);
    const first = buckets(buckets((answer.aggregations as Json)['4'])[0]?.['2'])[0] as Json;
    expect(first['1']).toEqual({ value: expect.any(Number) });
  });

  it('fills empty buckets with min_doc_count 0 and leaves them out with 1', async () => {
    const sparse = {
      field: 'testtime',
      fixed_interval: '30s',
      extended_bounds: { min: MIN, max: MAX },
    };
    const all = await searchOk(sim.url, 'metrics', {
      size: 0,
      aggs: { h: { date_histogram: sparse } },
    });
    const some = await searchOk(sim.url, 'metrics', {
      size: 0,
      aggs: { h: { date_histogram: { ...sparse, min_doc_count: 1 } } },
    });
    const allBuckets = buckets((all.aggregations as Json).h);
    expect(allBuckets.some((b) => b.doc_count === 0)).toBe(true);
    expect(allBuckets[0]?.key_as_string).toBe('2022-11-14T10:40:30.000Z');
    expect(buckets((some.aggregations as Json).h).every((b) => b.doc_count > 0)).toBe(true);
  });

  it('rounds calendar intervals in the time zone and prints the offset', async () => {
    const answer = await searchOk(sim.url, 'metrics', {
      size: 0,
      aggs: {
        d: { date_histogram: { field: 'testtime', calendar_interval: '1d', time_zone: '+09:00' } },
      },
    });
    const [day] = buckets((answer.aggregations as Json).d);
    expect(day).toMatchObject({
      key: Date.parse('2022-11-13T15:00:00Z'),
      key_as_string: '2022-11-14T00:00:00.000+09:00',
    });
  });

  it('orders, cuts and fills terms buckets', async () => {
    const answer = await searchOk(sim.url, 'metrics', {
      size: 0,
      aggs: {
        top: { terms: { field: 'label', size: 2, order: { _key: 'asc' } } },
        withMissing: { terms: { field: 'label', missing: '(none)', size: 10 } },
      },
    });
    const aggs = answer.aggregations as Json;
    expect(aggs.top).toEqual({
      doc_count_error_upper_bound: 0,
      sum_other_doc_count: 20,
      buckets: [
        { key: 'val1', doc_count: 20 },
        { key: 'val2', doc_count: 20 },
      ],
    });
    expect(buckets(aggs.withMissing).at(-1)).toEqual({ key: '(none)', doc_count: 1 });
  });

  it('refuses terms on a text field and unknown aggregation types', async () => {
    sim.bulk('texts', [{ label: 'some words' }]);
    const text = await call(`${sim.url}/texts/_search`, 'POST', {
      aggs: { t: { terms: { field: 'label' } } },
    });
    expect(text.status).toBe(400);
    expect(JSON.stringify(text.json)).toContain('Text fields are not optimised');
    const unknown = await call(`${sim.url}/metrics/_search`, 'POST', { aggs: { t: { nope: {} } } });
    expect(unknown.status).toBe(400);
    expect((unknown.json.error as Json).type).toBe('parsing_exception');
  });
});
