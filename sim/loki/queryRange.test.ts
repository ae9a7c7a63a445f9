import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLokiSim, type LokiSim } from './index';
import { expectShapeLike, getJson, ns } from './testing';

const NOW = Date.parse('2026-03-02T12:00:00Z');
let sim: LokiSim;

type StreamsBody = {
  data: {
    resultType: string;
    encodingFlags?: string[];
    result: { stream: Record<string, string>; values: unknown[][] }[];
    stats: Record<string, unknown>;
  };
};
type MatrixBody = {
  data: { result: { metric: Record<string, string>; values: [number, string][] }[] };
};

function range(query: string, params: Record<string, string> = {}): string {
  const search = new URLSearchParams({ query, ...params });
  return `${sim.url}/loki/api/v1/query_range?${search.toString()}`;
}

beforeAll(async () => {
  sim = await startLokiSim({ now: () => NOW, sampleScale: 0.01, replay: false });
  sim.push({ job: 'test', level: 'info' }, [
    [ns('2026-03-02T11:00:00Z'), 'first line'],
    [ns('2026-03-02T11:30:00Z', 123), 'second line'],
    [ns('2026-03-02T11:59:00Z'), 'third line'],
  ]);
  sim.push({ app: 'ledger' }, [
    [ns('2026-03-02T11:10:00Z'), 'level=error msg="card declined" code=402'],
    [ns('2026-03-02T11:20:00Z'), 'level=info msg=ok code=200'],
    [ns('2026-03-02T11:40:00Z'), '"unterminated'],
    [ns('2026-03-02T11:41:00Z'), '{"msg":"json","latency_ms":12}', { trace_id: 'abc123' }],
  ]);
});
afterAll(() => sim.close());

describe('query_range with a log query', () => {
  it('answers streams in the shape of a real Loki 3 answer, stats included', async () => {
    const body = await getJson(range('{job="test"}'));
    expectShapeLike(body, 'query_range_streams_real_netobserv_many_labels_full_stats.json');
    const { data } = body as StreamsBody;
    expect(Object.keys(data.stats)).toEqual(['summary', 'querier', 'ingester', 'cache', 'index']);
    expect(data.stats['summary']).toMatchObject({ totalEntriesReturned: 3 });
  });

  it('adds service_name and detected_level like Loki 3.4, newest first by default', async () => {
    const { data } = (await getJson(range('{job="test"}'))) as StreamsBody;
    expect(data.result).toEqual([
      {
        stream: { detected_level: 'info', job: 'test', level: 'info', service_name: 'test' },
        values: [
          [ns('2026-03-02T11:59:00Z'), 'third line'],
          [ns('2026-03-02T11:30:00Z', 123), 'second line'],
          [ns('2026-03-02T11:00:00Z'), 'first line'],
        ],
      },
    ]);
  });

  it('honours limit, forward direction, an exclusive end and every timestamp form', async () => {
    const forward = (await getJson(
      range('{job="test"}', { direction: 'forward', limit: '2' }),
    )) as StreamsBody;
    expect(forward.data.result[0]?.values.map((v) => v[1])).toEqual(['first line', 'second line']);
    const exclusive = (await getJson(
      range('{job="test"}', { start: '2026-03-02T11:00:00Z', end: ns('2026-03-02T11:59:00Z') }),
    )) as StreamsBody;
    expect(exclusive.data.result[0]?.values.map((v) => v[1])).toEqual([
      'second line',
      'first line',
    ]);
    const seconds = String(Date.parse('2026-03-02T11:30:00Z') / 1000);
    const floats = (await getJson(
      range('{job="test"}', { start: `${seconds}.5`, end: '1772452800.0' }),
    )) as StreamsBody;
    expect(floats.data.result[0]?.values.map((v) => v[1])).toEqual(['third line']);
    const since = (await getJson(range('{job="test"}', { since: '30m' }))) as StreamsBody;
    expect(since.data.result[0]?.values.map((v) => v[1])).toEqual(['third line', 'second line']);
  });

  it('folds parsed labels and structured metadata into stream, splitting streams', async () => {
    const body = await getJson(range('{app="ledger"} | logfmt'));
    expectShapeLike(body, 'query_range_streams_parse_errors.json', false);
    const { data } = body as StreamsBody;
    const streams = data.result.map((r) => r.stream);
    expect(streams).toContainEqual(
      expect.objectContaining({ __error__: 'LogfmtParserErr', app: 'ledger' }),
    );
    expect(streams).toContainEqual(
      expect.objectContaining({ code: '402', detected_level: 'error', level: 'error' }),
    );
    expect(streams).toContainEqual(expect.objectContaining({ trace_id: 'abc123' }));
    expect(data.result.length).toBe(4);
  });

  it('with categorize-labels keeps indexed labels in stream and the rest per value', async () => {
    const body = await getJson(range('{app="ledger"} | json', { direction: 'forward' }), {
      headers: { 'X-Loki-Response-Encoding-Flags': 'categorize-labels' },
    });
    expectShapeLike(body, 'query_range_streams_categorize_labels_parsed.json', false);
    const { data } = body as StreamsBody;
    expect(data.encodingFlags).toEqual(['categorize-labels']);
    expect(data.result).toHaveLength(1);
    expect(data.result[0]?.stream).toEqual({ app: 'ledger', service_name: 'ledger' });
    expect(data.result[0]?.values.at(-1)).toEqual([
      ns('2026-03-02T11:41:00Z'),
      '{"msg":"json","latency_ms":12}',
      {
        structuredMetadata: { detected_level: 'unknown', trace_id: 'abc123' },
        parsed: { latency_ms: '12', msg: 'json' },
      },
    ]);
  });

  it('accepts POST with a form body', async () => {
    const body = new URLSearchParams({ query: '{job="test"}', limit: '1' });
    const res = (await getJson(`${sim.url}/loki/api/v1/query_range`, {
      method: 'POST',
      body,
    })) as StreamsBody;
    expect(res.data.result[0]?.values).toHaveLength(1);
  });
});

describe('query_range with a metric query', () => {
  it('answers a matrix like a real Loki: float seconds, string values, aligned steps', async () => {
    const body = await getJson(
      range('sum by (level) (count_over_time({job="test"}[1h]))', {
        start: '2026-03-02T11:00:00Z',
        end: '2026-03-02T12:00:00Z',
        step: '1200',
      }),
    );
    expectShapeLike(body, 'query_range_matrix_real_multi_series_full_stats.json');
    expectShapeLike(body, 'query_range_matrix_by_level.json', false);
    const { data } = body as MatrixBody;
    const t = (iso: string) => Date.parse(iso) / 1000;
    expect(data.result).toEqual([
      {
        metric: { level: 'info' },
        values: [
          [t('2026-03-02T11:00:00Z'), '1'],
          [t('2026-03-02T11:20:00Z'), '1'],
          [t('2026-03-02T11:40:00Z'), '2'],
          [t('2026-03-02T12:00:00Z'), '2'],
        ],
      },
    ]);
  });

  it('groups by detected_level, and picks about 250 points without a step', async () => {
    const { data } = (await getJson(
      range('sum by (detected_level) (rate({app="ledger"}[10m]))'),
    )) as MatrixBody;
    expect(data.result.map((r) => r.metric.detected_level)).toEqual(['error', 'info', 'unknown']);
    const times = data.result[0]?.values.map(([s]) => s) ?? [];
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBe(14);
    expect(data.result[0]?.values[0]?.[1]).toBe(String(1 / 600));
  });
});

describe('query (instant)', () => {
  it('answers a vector like a real Loki', async () => {
    const query = 'sum by (level) (count_over_time({job="test"}[2h]))';
    const body = await getJson(`${sim.url}/loki/api/v1/query?query=${encodeURIComponent(query)}`);
    expectShapeLike(body, 'query_vector_by_level.json');
    expect((body as { data: { result: unknown } }).data.result).toEqual([
      { metric: { level: 'info' }, value: [NOW / 1000, '3'] },
    ]);
  });
});
