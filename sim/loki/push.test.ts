import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLokiSim, type LokiSim } from './index';
import { getError, getJson, ns } from './testing';

const NOW = Date.parse('2026-03-02T12:00:00Z');
let sim: LokiSim;

beforeAll(async () => {
  sim = await startLokiSim({ now: () => NOW, sampleScale: 0, replay: false });
});
afterAll(() => sim.close());

function post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${sim.url}/loki/api/v1/push`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' || body instanceof Blob ? body : JSON.stringify(body),
  });
}

type Streams = { data: { result: { stream: Record<string, string>; values: unknown[][] }[] } };

async function query(selector: string, headers: Record<string, string> = {}): Promise<Streams> {
  const params = new URLSearchParams({ query: selector, direction: 'forward' });
  return (await getJson(`${sim.url}/loki/api/v1/query_range?${params.toString()}`, {
    headers,
  })) as Streams;
}

describe('push', () => {
  it('stores a JSON push (204) with structured metadata, then serves it', async () => {
    const res = await post({
      streams: [
        {
          stream: { job: 'pushed' },
          values: [
            [ns('2026-03-02T11:00:00Z'), 'plain'],
            [ns('2026-03-02T11:00:01Z'), 'with metadata', { trace_id: 'abc123' }],
          ],
        },
      ],
    });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    const folded = await query('{job="pushed"}');
    expect(folded.data.result.map((r) => r.stream)).toEqual([
      { detected_level: 'unknown', job: 'pushed', service_name: 'pushed' },
      { detected_level: 'unknown', job: 'pushed', service_name: 'pushed', trace_id: 'abc123' },
    ]);
    const categorized = await query('{job="pushed"}', {
      'X-Loki-Response-Encoding-Flags': 'categorize-labels',
    });
    expect(categorized.data.result).toEqual([
      {
        stream: { job: 'pushed', service_name: 'pushed' },
        values: [
          [
            ns('2026-03-02T11:00:00Z'),
            'plain',
            { structuredMetadata: { detected_level: 'unknown' } },
          ],
          [
            ns('2026-03-02T11:00:01Z'),
            'with metadata',
            { structuredMetadata: { detected_level: 'unknown', trace_id: 'abc123' } },
          ],
        ],
      },
    ]);
  });

  it('keeps a pushed detected_level and filters on metadata', async () => {
    await post({
      streams: [
        {
          stream: { job: 'levels' },
          values: [
            [ns('2026-03-02T11:00:00Z'), 'a', { detected_level: 'ERR', user: 'x' }],
            [ns('2026-03-02T11:00:01Z'), 'b', { user: 'y' }],
          ],
        },
      ],
    });
    const result = await query('{job="levels"} | user="x"');
    expect(result.data.result.map((r) => [r.stream['detected_level'], r.values.length])).toEqual([
      ['error', 1],
    ]);
  });

  it('takes gzip bodies', async () => {
    const body = gzipSync(
      JSON.stringify({
        streams: [{ stream: { job: 'gz' }, values: [[ns('2026-03-02T11:00:00Z'), 'zipped']] }],
      }),
    );
    expect((await post(new Blob([body]), { 'Content-Encoding': 'gzip' })).status).toBe(204);
    expect((await query('{job="gz"}')).data.result[0]?.values).toEqual([
      [ns('2026-03-02T11:00:00Z'), 'zipped'],
    ]);
  });

  it.each([
    ['a number timestamp', { streams: [{ stream: { a: 'b' }, values: [[1, 'x']] }] }],
    ['a string as metadata', { streams: [{ stream: { a: 'b' }, values: [['1', 'x', 'meta']] }] }],
    [
      'a timestamp that is no number',
      { streams: [{ stream: { a: 'b' }, values: [['soon', 'x']] }] },
    ],
    ['no labels', { streams: [{ stream: {}, values: [['1', 'x']] }] }],
    ['broken JSON', '{"streams": ['],
  ])('answers 400 in text/plain to %s', async (_, body) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  });

  it('takes JSON only: protobuf pushes are not simulated', async () => {
    const [status] = await getError(`${sim.url}/loki/api/v1/push`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-protobuf' },
      body: new Blob([new Uint8Array([1, 2, 3])]),
    });
    expect(status).toBe(415);
  });
});
