import {
  StartLiveTailCommand,
  type CloudWatchLogsClient,
  type StartLiveTailResponseStream,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCloudWatchSim, type CloudWatchSim } from './index';
import { client } from './testing';

const GROUP = '/test/tail';
const ARN = `arn:aws:logs:us-east-1:123456789012:log-group:${GROUP}`;
let sim: CloudWatchSim;
let logs: CloudWatchLogsClient;

beforeAll(async () => {
  sim = await startCloudWatchSim({ sampleScale: 0, replay: false, liveTailIntervalMs: 20 });
  logs = client(sim.url);
  sim.putLogEvents(GROUP, 'a', [{ timestamp: Date.now(), message: 'history is not tailed' }]);
});
afterAll(() => sim.close());
afterEach(() => sim.setFault(undefined));

async function untilOpen(count: number): Promise<void> {
  while (sim.liveTailSessions() !== count) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('StartLiveTail', () => {
  it('streams sessionStart, then updates with new matching events, over the SDK', async () => {
    const abort = new AbortController();
    const out = await logs.send(
      new StartLiveTailCommand({ logGroupIdentifiers: [ARN], logEventFilterPattern: 'ERROR' }),
      { abortSignal: abort.signal },
    );
    const events: StartLiveTailResponseStream[] = [];
    const messages: string[] = [];
    setTimeout(() => {
      sim.putLogEvents(GROUP, 'a', [
        { timestamp: Date.now(), message: 'ERROR one' },
        { timestamp: Date.now(), message: 'INFO skipped' },
      ]);
    }, 30);
    for await (const event of out.responseStream ?? []) {
      events.push(event);
      messages.push(...(event.sessionUpdate?.sessionResults ?? []).map((r) => r.message ?? ''));
      if (messages.length > 0) break;
    }
    abort.abort();
    expect(events[0]?.sessionStart).toMatchObject({
      sessionId: expect.any(String),
      logGroupIdentifiers: [ARN],
      logEventFilterPattern: 'ERROR',
    });
    expect(messages).toEqual(['ERROR one']);
    const update = events.at(-1)?.sessionUpdate;
    expect(update?.sessionMetadata).toEqual({ sampled: false });
    expect(update?.sessionResults?.[0]).toMatchObject({
      logStreamName: 'a',
      logGroupIdentifier: `123456789012:${GROUP}`,
      timestamp: expect.any(Number),
      ingestionTime: expect.any(Number),
    });
    await untilOpen(0);
  });

  it('samples more than 500 events an update', async () => {
    const abort = new AbortController();
    const out = await logs.send(new StartLiveTailCommand({ logGroupIdentifiers: [ARN] }), {
      abortSignal: abort.signal,
    });
    await untilOpen(1);
    sim.putLogEvents(
      GROUP,
      'b',
      Array.from({ length: 600 }, (_, i) => ({ timestamp: Date.now(), message: `line ${i}` })),
    );
    for await (const event of out.responseStream ?? []) {
      const results = event.sessionUpdate?.sessionResults ?? [];
      if (results.length === 0) continue;
      expect(results).toHaveLength(500);
      expect(event.sessionUpdate?.sessionMetadata?.sampled).toBe(true);
      break;
    }
    abort.abort();
    await untilOpen(0);
  });

  it('answers InvalidOperationException where Live Tail is unavailable, and validates', async () => {
    sim.setFault({ liveTailUnavailable: true });
    await expect(
      logs.send(new StartLiveTailCommand({ logGroupIdentifiers: [ARN] })),
    ).rejects.toMatchObject({
      name: 'InvalidOperationException',
    });
    sim.setFault(undefined);
    await expect(
      logs.send(new StartLiveTailCommand({ logGroupIdentifiers: [] })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });
});
