import { expect } from 'vitest';
import {
  startCloudWatchSim,
  type CloudWatchSim,
  type CloudWatchSimOptions,
} from '../../../sim/cloudwatch';
import type { Datasource } from '../datasource';
import { CloudWatchDatasourceConfigSchema, createCloudWatchDatasource } from '.';

/** The clock of the tests' sample data; queries themselves run on the wall clock. */
export const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);

/** A small simulator over the samples at NOW, not replaying, with the options given. */
export function startSim(options: CloudWatchSimOptions = {}): Promise<CloudWatchSim> {
  return startCloudWatchSim({ now: () => NOW, sampleScale: 0.02, replay: false, ...options });
}

/** A CloudWatch datasource on the simulator's application log group, over `config`. */
export function simDatasource(
  sim: CloudWatchSim,
  config: Record<string, unknown> = {},
  now?: () => number,
): Datasource {
  return createCloudWatchDatasource(
    CloudWatchDatasourceConfigSchema.parse({
      id: 'cw',
      kind: 'cloudwatch',
      region: 'us-east-1',
      endpoint: sim.url,
      logGroups: [sim.groups.application],
      ...config,
    }),
    { ...(now ? { now } : {}), credentials: { accessKeyId: 'test', secretAccessKey: 'test' } },
  );
}

/** Waits up to two seconds for `done`, then asserts it. */
export async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !done(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(done()).toBe(true);
}
