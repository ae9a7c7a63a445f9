import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TailMessage } from '../../../model';
import { startCloudWatchSim, type CloudWatchSim } from '../../../sim/cloudwatch';
import type { Datasource } from '../datasource';
import { simDatasource, until } from './simTesting';

const GROUP = '/test/tail';
let sim: CloudWatchSim;

beforeAll(async () => {
  sim = await startCloudWatchSim({ sampleScale: 0, replay: false, liveTailIntervalMs: 20 });
  sim.putLogEvents(GROUP, 'a', [{ timestamp: Date.now() - 60_000, message: 'history' }]);
});
afterAll(() => sim.close());

const cw = (tail: Record<string, unknown> = {}): Datasource =>
  simDatasource(sim, { logGroups: [GROUP], tail: { pollIntervalMs: 100, ...tail } });

function follow(ds: Datasource, query = '') {
  const messages: TailMessage[] = [];
  const session = ds.tail?.({ language: 'insights', query }, (m) => messages.push(m));
  const lines = () =>
    messages.flatMap((m) => (m.type === 'records' ? m.records.map((r) => r.line) : []));
  return { messages, lines, close: () => session?.close() };
}

describe('CloudWatch live tail', () => {
  it('follows new lines through StartLiveTail, with the filter, and closes its stream', async () => {
    const ds = cw();
    const tail = follow(ds, 'filter @message like "ERROR"');
    await until(() => sim.liveTailSessions() === 1);
    sim.putLogEvents(GROUP, 'a', [
      { timestamp: Date.now(), message: 'ERROR boom' },
      { timestamp: Date.now(), message: 'INFO fine' },
    ]);
    await until(() => tail.lines().length > 0);
    expect(tail.lines()).toEqual(['ERROR boom']);
    tail.close();
    await until(() => sim.liveTailSessions() === 0);
    await ds.close();
  });

  it("passes Live Tail's sampling flag on with the lines it did send", async () => {
    const ds = cw();
    const tail = follow(ds);
    await until(() => sim.liveTailSessions() === 1);
    const now = Date.now();
    sim.putLogEvents(
      GROUP,
      'busy',
      Array.from({ length: 600 }, (_, i) => ({ timestamp: now, message: `burst ${i}` })),
    );
    await until(() => tail.messages.some((m) => m.type === 'records' && m.sampled === true));
    const sampled = tail.messages.find((m) => m.type === 'records' && m.sampled === true);
    expect(sampled?.type === 'records' && sampled.records.length).toBe(500);
    tail.close();
    await ds.close();
  });

  it('falls back to FilterLogEvents polling where Live Tail is missing, and says so', async () => {
    sim.setFault({ liveTailUnavailable: true });
    const ds = cw();
    const tail = follow(ds);
    await until(() => tail.messages.length > 0);
    expect(tail.messages[0]).toMatchObject({
      type: 'records',
      records: [],
      warnings: [expect.stringMatching(/Live Tail is not available.*FilterLogEvents/)],
    });
    sim.putLogEvents(GROUP, 'b', [{ timestamp: Date.now(), message: 'polled line' }]);
    await until(() => tail.lines().includes('polled line'));
    const filters = sim.requests.filter((r) => r.operation === 'FilterLogEvents');
    // Milliseconds, unlike StartQuery's seconds.
    expect(Number(filters.at(-1)?.json?.startTime)).toBeGreaterThan(1e12);
    await new Promise((r) => setTimeout(r, 250));
    expect(tail.lines().filter((l) => l === 'polled line')).toHaveLength(1);
    tail.close();
    sim.setFault(undefined);
    await ds.close();
  });

  it('refuses a query it cannot follow, by name', async () => {
    const ds = cw();
    const tail = follow(ds, 'stats count(*)');
    await until(() => tail.messages.length > 0);
    expect(tail.messages[0]).toMatchObject({ type: 'error', error: { code: 'unsupported' } });
    await ds.close();
  });
});
