import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloudWatchSim, type CloudWatchSim } from '../../../sim/cloudwatch';
import { growingDelays } from './backoff';
import { CloudWatchDatasourceConfigSchema, createCloudWatchDatasource } from '.';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const RUNS_MS = 700;
let sim: CloudWatchSim;

beforeAll(async () => {
  sim = await startCloudWatchSim({
    now: () => NOW,
    sampleScale: 0.02,
    replay: false,
    scheduledMs: 0,
    queryDurationMs: RUNS_MS,
  });
});
afterAll(() => sim.close());

describe('polling overhead', () => {
  it('answers within one polling interval of CloudWatch completing, with the default waits', async () => {
    const config = CloudWatchDatasourceConfigSchema.parse({
      id: 'cw',
      kind: 'cloudwatch',
      region: 'us-east-1',
      endpoint: sim.url,
      logGroups: [sim.groups.application],
      levelField: 'level',
    });
    const ds = createCloudWatchDatasource(config, {
      now: () => NOW,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    // The wait in effect when the query completes: the first whose end passes RUNS_MS.
    const delays = growingDelays(config.poll.initialMs, config.poll.factor, config.poll.maxMs);
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
    expect(config.poll.initialMs).toBeLessThanOrEqual(500);
    expect(overhead).toBeLessThanOrEqual(interval + 100);
    await ds.close();
  });
});
