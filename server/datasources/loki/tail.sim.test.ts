import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TailMessage } from '../../../model';
import { startLokiSim, type LokiSim } from '../../../sim/loki';
import { createLokiDatasource, LokiDatasourceConfigSchema } from '.';

let sim: LokiSim;
beforeAll(async () => {
  // A short tail_max_duration: the session ends as Loki's does after an hour, many times.
  sim = await startLokiSim({ sampleScale: 0.01, replay: false, tailMaxDurationMs: 400 });
});
afterAll(() => sim.close());

const until = async (test: () => boolean, ms = 8_000) => {
  for (const end = Date.now() + ms; !test() && Date.now() < end;) {
    await new Promise((r) => setTimeout(r, 20));
  }
  expect(test()).toBe(true);
};

/** A tail of `{app="<app>"}` through a Loki datasource on the simulator, and what it sent. */
function tailing(app: string) {
  const ds = createLokiDatasource(
    LokiDatasourceConfigSchema.parse({
      id: 'loki',
      kind: 'loki',
      url: sim.url,
      tail: { delayForSeconds: 0 },
    }),
  );
  const messages: TailMessage[] = [];
  const session = ds.tail?.({ language: 'logql', query: `{app="${app}"}` }, (m) =>
    messages.push(m),
  );
  const lines = () =>
    messages.flatMap((m) => (m.type === 'records' ? m.records.map((r) => r.line) : []));
  return { session, messages, lines };
}

describe('Loki tail through the simulator', () => {
  it('bridges the end of each tail session: every pushed line once, in order', async () => {
    const { session, messages, lines } = tailing('tail-test');
    await until(() => sim.requests.some((r) => r.path.endsWith('/tail')));
    const pushed: string[] = [];
    for (let i = 0; i < 24; i++) {
      const line = `tail line ${i}`;
      pushed.push(line);
      sim.push({ app: 'tail-test' }, [[String(BigInt(Date.now()) * 1_000_000n), line]]);
      await new Promise((r) => setTimeout(r, 50));
    }
    await until(() => lines().length >= pushed.length);
    session?.close();
    expect(lines()).toEqual(pushed);
    expect(sim.requests.filter((r) => r.path.endsWith('/tail')).length).toBeGreaterThanOrEqual(2);
    expect(messages.some((m) => m.type === 'error')).toBe(false);
  });
  it('after an outage, replays the gap from the last line sent: thousands of lines, once each', async () => {
    const tails = () => sim.requests.filter((r) => r.path.endsWith('/tail')).length;
    const earlier = tails();
    const { session, messages, lines } = tailing('gap-test');
    const ns = () => BigInt(Date.now()) * 1_000_000n;
    // Pushed once the tail has asked from its start: a line older than that is not its own.
    await until(() => tails() > earlier);
    sim.push({ app: 'gap-test' }, [[String(ns()), 'before']]);
    await until(() => lines().length === 1);
    // Loki goes away when this session ends: the tail says so, once, and keeps trying.
    sim.setFault({ status: 502, body: 'Bad Gateway', paths: ['/loki/api/v1/tail'] });
    await until(() => messages.some((m) => m.type === 'error'));
    const gap = [...Array(3_000).keys()].map((i): [string, string] => [
      String(ns() + BigInt(i)),
      `gap ${i}`,
    ]);
    sim.push({ app: 'gap-test' }, gap);
    sim.setFault(undefined);
    await until(() => lines().length >= 1 + gap.length);
    session?.close();
    expect(lines()).toEqual(['before', ...gap.map(([, line]) => line)]);
    const errors = messages.filter((m) => m.type === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      error: { code: 'backend_unavailable', message: expect.stringContaining('Bad Gateway') },
    });
    const cleared = messages.indexOf(errors[0] as TailMessage) + 1;
    expect(messages[cleared]).toEqual({ type: 'records', records: [] });
  });
});
