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
function tailing(app: string, catchUpLines?: number) {
  const ds = createLokiDatasource(
    LokiDatasourceConfigSchema.parse({
      id: 'loki',
      kind: 'loki',
      url: sim.url,
      tail: { delayForSeconds: 0, ...(catchUpLines === undefined ? {} : { catchUpLines }) },
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
  /**
   * A tail of `app` that has sent one line, then an outage of Loki (query_range included)
   * while `count` more come in; what the tail sent once Loki is back.
   */
  async function outage(app: string, count: number, catchUpLines?: number, split = count) {
    const tails = () => sim.requests.filter((r) => r.path.endsWith('/tail')).length;
    const earlier = tails();
    const tail = tailing(app, catchUpLines);
    const ns = () => BigInt(Date.now()) * 1_000_000n;
    // Pushed once the tail has asked from its start: a line older than that is not its own.
    await until(() => tails() > earlier);
    sim.push({ app }, [[String(ns()), 'before']]);
    await until(() => tail.lines().length === 1);
    // Loki goes away when this session ends: the tail says so, once, and keeps trying.
    sim.setFault({ status: 502, body: 'Bad Gateway', paths: ['/loki/api/v1/'] });
    await until(() => tail.messages.some((m) => m.type === 'error'));
    // In two whole milliseconds, `split` lines in the first: a count of what follows one of
    // them is then the same at Loki's nanoseconds and at the simulator's milliseconds.
    const base = ns();
    const gap = [...Array(count).keys()].map((i): [string, string] => [
      String(base + (i < split ? 0n : 1_000_000n) + BigInt(i)),
      `gap ${i}`,
    ]);
    sim.push({ app }, gap);
    sim.setFault(undefined);
    return { ...tail, gap: gap.map(([, line]) => line) };
  }

  it('after an outage, sends the gap from the last line sent: thousands of lines, once each', async () => {
    const { session, messages, lines, gap } = await outage('gap-test', 3_000);
    await until(() => lines().length >= 1 + gap.length);
    session?.close();
    expect(lines()).toEqual(['before', ...gap]);
    const errors = messages.filter((m) => m.type === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      error: { code: 'backend_unavailable', message: expect.stringContaining('Bad Gateway') },
    });
    // Lines again: the page drops the outage it showed.
    const cleared = messages.indexOf(errors[0] as TailMessage) + 1;
    expect(messages[cleared]?.type).toBe('records');
  });
  it('a gap longer than what Loki replays on a new tail is fetched by query, in order', async () => {
    // Loki's replay holds the newest 5,000 lines (max_entries_limit_per_query) of the gap.
    const { session, messages, lines, gap } = await outage('long-gap-test', 12_000);
    await until(() => lines().length >= 1 + gap.length, 20_000);
    session?.close();
    expect(lines()).toEqual(['before', ...gap]);
    expect(messages.some((m) => m.type === 'dropped')).toBe(false);
    expect(sim.requests.some((r) => r.path.endsWith('/query_range'))).toBe(true);
  });
  it('a gap Loki refuses to query (max_query_length) is counted as dropped', async () => {
    const { session, messages, lines } = await outage('refused-gap-test', 100);
    sim.setFault({
      status: 400,
      body: 'the query time range exceeds the limit (query length: 800h0m0s, limit: 721h0m0s)',
      paths: ['/loki/api/v1/query_range'],
    });
    await until(() => messages.some((m) => m.type === 'dropped'));
    sim.setFault(undefined);
    sim.push({ app: 'refused-gap-test' }, [[String(BigInt(Date.now()) * 1_000_000n), 'after']]);
    await until(() => lines().at(-1) === 'after');
    session?.close();
    expect(lines()).toEqual(['before', 'after']);
    expect(messages.flatMap((m) => (m.type === 'dropped' ? [m.count] : []))).toEqual([100]);
  });
  it('a gap Loki will neither query nor count is named as not shown', async () => {
    const { session, messages, lines } = await outage('uncounted-gap-test', 100);
    const refusal =
      'the query time range exceeds the limit (query length: 800h0m0s, limit: 721h0m0s)';
    sim.setFault({
      status: 400,
      body: refusal,
      paths: ['/loki/api/v1/query_range', '/loki/api/v1/query$'],
    });
    const warned = () => messages.flatMap((m) => (m.type === 'records' ? (m.warnings ?? []) : []));
    await until(() => warned().length > 0);
    sim.setFault(undefined);
    sim.push({ app: 'uncounted-gap-test' }, [[String(BigInt(Date.now()) * 1_000_000n), 'after']]);
    await until(() => lines().at(-1) === 'after');
    session?.close();
    expect(lines()).toEqual(['before', 'after']);
    expect(warned()).toEqual([expect.stringMatching(/^lines from \S+Z to \S+Z are not shown: /)]);
    expect(warned()[0]).toContain(refusal);
  });
  it('past catchUpLines, the rest of the gap is counted as dropped and the tail goes on', async () => {
    const { session, messages, lines, gap } = await outage('lost-gap-test', 6_000, 2_000, 2_000);
    await until(() => messages.some((m) => m.type === 'dropped'), 20_000);
    sim.push({ app: 'lost-gap-test' }, [[String(BigInt(Date.now()) * 1_000_000n), 'after']]);
    await until(() => lines().at(-1) === 'after');
    session?.close();
    expect(lines()).toEqual(['before', ...gap.slice(0, 2_000), 'after']);
    const dropped = messages.flatMap((m) => (m.type === 'dropped' ? [m.count] : []));
    expect(dropped).toEqual([4_000]);
  });
});
