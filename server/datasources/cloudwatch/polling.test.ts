import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CloudWatchSim } from '../../../sim/cloudwatch';
import { growingDelays } from './backoff';
import { CloudWatchDatasourceConfigSchema } from './config';
import { NOW, simDatasource, startSim } from './simTesting';

const RUNS_MS = 700;
let sim: CloudWatchSim;

beforeAll(async () => {
  sim = await startSim({ scheduledMs: 0, queryDurationMs: RUNS_MS });
});
afterAll(() => sim.close());

describe('polling overhead', () => {
  it('answers within one polling interval of CloudWatch completing, with the default waits', async () => {
    const ds = simDatasource(sim, { levelField: 'level' }, () => NOW);
    const { poll } = CloudWatchDatasourceConfigSchema.parse({
      id: 'cw',
      kind: 'cloudwatch',
      region: 'us-east-1',
      logGroups: ['/a'],
    });
    // The wait in effect when the query completes: the first whose end passes RUNS_MS.
    const delays = growingDelays(poll.initialMs, poll.factor, poll.maxMs);
    let elapsed = 0;
    let interval = 0;
    while (elapsed < RUNS_MS) elapsed += interval = delays.next().value ?? 0;
    // The SDK's first request loads and resolves what later ones reuse (~0.3 s): not polling.
    expect(await ds.ready()).toBe(true);
    const started = performance.now();
    await ds.query(
      {
        language: 'insights',
        query: 'limit 10',
        fromMs: NOW - 3_600_000,
        toMs: NOW,
        limit: 10,
        direction: 'backward',
      },
      AbortSignal.timeout(10_000),
    );
    const overhead = performance.now() - started - RUNS_MS;
    expect(poll.initialMs).toBeLessThanOrEqual(500);
    expect(overhead).toBeLessThanOrEqual(interval + 100);
    await ds.close();
  });
});
