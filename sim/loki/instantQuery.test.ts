import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLokiSim, type LokiSim } from './index';
import { expectShapeLike, getError } from './testing';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
let sim: LokiSim;

beforeAll(async () => {
  sim = await startLokiSim({ now: () => NOW, sampleScale: 0.2, replay: false });
});
afterAll(() => sim.close());

function url(query: string): string {
  const time = String(BigInt(NOW) * 1_000_000n);
  return `${sim.url}/loki/api/v1/query?${new URLSearchParams({ query, time }).toString()}`;
}

describe('instant queries and max_query_series', () => {
  it('limits the series of the answer, not those a sum by folds together', async () => {
    // json makes nearly a series per line; summed by one label they are few.
    const parsed = '{namespace=~".+"} | json | drop __error__, __error_details__';
    const res = await fetch(url(`topk(5, sum by (status) (count_over_time(${parsed} [3h])))`));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { result: { metric: object }[] } };
    expectShapeLike(body, 'query_vector_by_level.json', false);
    expect(body.data.result.length).toBeGreaterThan(1);
    expect(body.data.result.length).toBeLessThanOrEqual(5);

    const [status, text] = await getError(url(`count_over_time(${parsed} [3h])`));
    expect(status).toBe(400);
    expect(text).toMatch(/^maximum number of series \(500\) reached for a single query/);
  });
});
