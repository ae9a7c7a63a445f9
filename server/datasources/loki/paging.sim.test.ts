import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogRecord } from '../../../model';
import { startLokiSim, type LokiSim, type PushValue } from '../../../sim/loki';
import { failure } from '../testing';
import { createLokiDatasource, LokiDatasourceConfigSchema } from '.';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const HOUR = 3_600_000;
const LINES = 100_000;
/** Seven entries per nanosecond: 5,000 is no multiple of 7, so most page edges cut a tie. */
const PER_NS = 7;
const STREAMS = 3;

let sim: LokiSim;
beforeAll(async () => {
  sim = await startLokiSim({ now: () => NOW, sampleScale: 0, replay: false });
  const base = BigInt(NOW - HOUR / 2) * 1_000_000n;
  const values: PushValue[][] = Array.from({ length: STREAMS }, () => []);
  for (let i = 0; i < LINES; i++) {
    // Several entries of one stream share a nanosecond too: lines tell them apart.
    values[i % STREAMS]?.push([
      String(base + BigInt(Math.floor(i / PER_NS)) * 1_000n),
      `line ${i}`,
    ]);
  }
  for (const [s, v] of values.entries()) sim.push({ app: 'paging', pod: `pod-${s}` }, v);
  // Older lines the answer must not reach: it stops at the limit.
  sim.push(
    { app: 'paging', pod: 'old' },
    [...Array(10).keys()].map((i) => [String(base - 1_000_000_000n - BigInt(i)), `old ${i}`]),
  );
}, 60_000);
afterAll(() => sim.close());

const loki = (extra: Record<string, unknown> = {}) =>
  createLokiDatasource(
    LokiDatasourceConfigSchema.parse({ id: 'loki', kind: 'loki', url: sim.url, ...extra }),
    { now: () => NOW },
  );
const req = {
  language: 'logql' as const,
  query: '{app="paging", pod=~"pod-.+"}',
  fromMs: NOW - HOUR,
  toMs: NOW,
  limit: LINES,
};
const signal = () => AbortSignal.timeout(60_000);

function expectAll(records: LogRecord[], direction: 'backward' | 'forward') {
  expect(records).toHaveLength(LINES);
  const lines = new Set(records.map((r) => r.line));
  expect(lines.size).toBe(LINES);
  for (let i = 0; i < LINES; i += 997) expect(lines.has(`line ${i}`)).toBe(true);
  expect(new Set(records.map((r) => r.id)).size).toBe(LINES);
  const inOrder = records.every((r, i) => {
    const prev = records[i - 1];
    if (!prev) return true;
    const [a, b] = [BigInt(prev.ts), BigInt(r.ts)];
    return direction === 'backward' ? a >= b : a <= b;
  });
  expect(inOrder).toBe(true);
}

describe('100,000 lines from a Loki that gives 5,000 per query', () => {
  it('pages backward by time: every line once, newest first, ties at page edges kept', async () => {
    sim.requests.length = 0;
    const { records, stats } = await loki().query({ ...req, direction: 'backward' }, signal());
    expectAll(records, 'backward');
    const pages = sim.requests.filter((r) => r.path.endsWith('/query_range'));
    expect(pages.length).toBeGreaterThanOrEqual(LINES / 5_000);
    expect(pages.every((p) => Number(p.params.limit?.[0]) <= 5_000)).toBe(true);
    expect(stats.returned).toBe(LINES);
  }, 60_000);

  it('pages forward the same way, oldest first', async () => {
    const { records } = await loki().query({ ...req, direction: 'forward' }, signal());
    expectAll(records, 'forward');
  }, 60_000);

  it('stops at the limit: older lines of the range are left for the next page', async () => {
    const { records, cursor } = await loki().query(
      { ...req, query: '{app="paging"}', direction: 'backward' },
      signal(),
    );
    expectAll(records, 'backward');
    const rest = await loki().query(
      { ...req, query: '{app="paging"}', limit: 100, cursor: cursor ?? '', direction: 'backward' },
      signal(),
    );
    expect(rest.records.map((r) => r.line)).toEqual([...Array(10).keys()].map((i) => `old ${i}`));
  }, 60_000);
});

describe("the datasource's own limits", () => {
  it('refuses more lines or a longer range than configured, before asking Loki', async () => {
    const ds = loki({ limits: { maxLines: 1_000, maxRangeHours: 24 } });
    sim.requests.length = 0;
    const lines = await failure(
      ds.query({ ...req, limit: 1_001, direction: 'backward' }, signal()),
    );
    expect(lines).toMatchObject({
      code: 'limit',
      message: "limit: 1001 is over this datasource's maximum of 1000 lines",
    });
    const long = { ...req, fromMs: NOW - 25 * HOUR, limit: 10 };
    const range = await failure(ds.query({ ...long, direction: 'backward' }, signal()));
    expect(range).toMatchObject({
      code: 'limit',
      message: 'the range is longer than 24 h, the most this datasource allows',
    });
    expect((await failure(ds.histogram({ ...long, stepMs: HOUR }, signal()))).code).toBe('limit');
    expect((await failure(ds.facets(long, signal()))).code).toBe('limit');
    expect(sim.requests).toEqual([]);
    await expect(
      ds.query({ ...req, fromMs: NOW - 24 * HOUR, limit: 1_000, direction: 'backward' }, signal()),
    ).resolves.toMatchObject({ stats: { returned: 1_000 } });
  });
});
