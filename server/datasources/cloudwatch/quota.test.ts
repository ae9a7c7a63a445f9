import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CloudWatchSim } from '../../../sim/cloudwatch';
import { failure } from '../testing';
import { NOW, simDatasource, startSim } from './simTesting';

let sim: CloudWatchSim;

beforeAll(async () => {
  // An account whose other users (dashboards, scheduled queries) leave one query slot.
  sim = await startSim({ scheduledMs: 20, queryDurationMs: 200, maxConcurrentQueries: 1 });
});
afterAll(() => sim.close());

const cw = (retry: Record<string, number>) =>
  simDatasource(sim, { levelField: 'level', poll: { initialMs: 10, maxMs: 40 }, retry }, () => NOW);
const query = (text: string) => ({
  language: 'insights' as const,
  query: text,
  fromMs: NOW - 3_600_000,
  toMs: NOW,
  limit: 10,
  direction: 'backward' as const,
});

describe("the account's concurrency quota", () => {
  it('retries a StartQuery refused for a full account until a slot frees', async () => {
    const ds = cw({ attempts: 5, initialMs: 100 });
    const answers = await Promise.all([
      ds.query(query('limit 1'), AbortSignal.timeout(10_000)),
      ds.query(query('limit 2'), AbortSignal.timeout(10_000)),
    ]);
    expect(answers.map((a) => a.records.length)).toEqual([1, 2]);
    const starts = sim.requests.filter((r) => r.operation === 'StartQuery');
    expect(starts.length).toBeGreaterThan(2);
    await ds.close();
  });

  it('gives up with a clear limit error when the account stays full', async () => {
    const ds = cw({ attempts: 1, initialMs: 10 });
    const [first, second] = await Promise.allSettled([
      ds.query(query('limit 3'), AbortSignal.timeout(10_000)),
      failure(ds.query(query('limit 4'), AbortSignal.timeout(10_000))),
    ]);
    expect(first.status).toBe('fulfilled');
    const error = second.status === 'fulfilled' ? second.value : undefined;
    expect(error?.code).toBe('limit');
    expect(error?.message).toMatch(/limit of concurrent queries/);
    expect(sim.runningQueries()).toBe(0);
    await ds.close();
  });
});
