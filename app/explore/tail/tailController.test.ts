import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LogRecord, TailMessage } from '../../../model';
import { LineRate } from './lineRate';
import { Ring } from './ring';
import { TailController } from './tailController';

const SAMPLE = new URL(
  '../../../server/datasources/local/samples/nginx-ingress/beats_ingress_controller_test.log',
  import.meta.url,
);
const lines = readFileSync(SAMPLE, 'utf8').split('\n').filter(Boolean);

let seq = 0;
/** `n` records of the bundled ingress-controller lines, each with its own id and time. */
function batch(n: number): TailMessage {
  const records: LogRecord[] = Array.from({ length: n }, () => {
    const i = seq++;
    return {
      id: `r${i}`,
      ts: String(1_700_000_000_000_000_000n + BigInt(i)),
      line: lines[i % lines.length] ?? '',
      labels: { job: 'ingress' },
      fields: {},
      level: 'info',
      source: 'local',
    };
  });
  return { type: 'records', records };
}
const ids = (records: LogRecord[]) => records.map((r) => Number(r.id.slice(1)));

describe('ring', () => {
  it('keeps the newest items oldest first, overwriting the oldest', () => {
    const ring = new Ring<number>(3);
    [1, 2].forEach((n) => ring.push(n));
    expect(ring.toArray()).toEqual([1, 2]);
    [3, 4, 5].forEach((n) => ring.push(n));
    expect(ring.toArray()).toEqual([3, 4, 5]);
    expect(ring.size).toBe(3);
    ring.clear();
    expect(ring.toArray()).toEqual([]);
  });
});

describe('line rate', () => {
  it('counts lines over the last window, or over the time open when shorter', () => {
    const rate = new LineRate(0, 5_000);
    rate.add(500, 100);
    expect(rate.perSecond(1_000)).toBe(100);
    rate.add(2_000, 100);
    expect(rate.perSecond(2_000)).toBe(100);
    for (let t = 3_000; t <= 10_000; t += 1_000) rate.add(t, 50);
    expect(rate.perSecond(10_000)).toBe(50);
    expect(rate.perSecond(30_000)).toBe(0);
  });
});

describe('tail controller', () => {
  it('shows lines oldest first and keeps only the newest 10,000', () => {
    seq = 0;
    const tail = new TailController(0);
    for (let i = 0; i < 25; i++) tail.receive(batch(500), i * 100);
    const view = tail.view(2_500);
    expect(view.records).toHaveLength(10_000);
    expect(ids(view.records).slice(0, 2)).toEqual([2_500, 2_501]);
    expect(ids(view.records).at(-1)).toBe(12_499);
    expect(view.records[0]?.line).toBe(lines[2_500 % lines.length]);
    expect(view.linesPerSecond).toBe(5_000);
  });

  it('gives the same array until lines change, so the list does not re-render for nothing', () => {
    seq = 0;
    const tail = new TailController(0);
    tail.receive(batch(3), 0);
    const first = tail.view(10).records;
    tail.receive({ type: 'dropped', count: 7 }, 20);
    expect(tail.view(30).records).toBe(first);
    expect(tail.view(30).dropped).toBe(7);
    tail.receive(batch(1), 40);
    expect(tail.view(50).records).not.toBe(first);
  });

  it('holds lines while paused, counts them, and adds them on resume', () => {
    seq = 0;
    const tail = new TailController(0, 100);
    tail.receive(batch(60), 0);
    tail.pause();
    tail.receive(batch(30), 100);
    tail.receive(batch(30), 200);
    const paused = tail.view(300);
    expect(paused.paused).toBe(true);
    expect(paused.pending).toBe(60);
    expect(ids(paused.records).at(-1)).toBe(59);
    tail.resume();
    const resumed = tail.view(400);
    expect(resumed.pending).toBe(0);
    expect(resumed.records).toHaveLength(100);
    expect(ids(resumed.records)[0]).toBe(20);
    expect(ids(resumed.records).at(-1)).toBe(119);
  });

  it('keeps only the newest lines of a long pause', () => {
    seq = 0;
    const tail = new TailController(0, 50);
    tail.pause();
    tail.receive(batch(120), 0);
    expect(tail.view(10).pending).toBe(120);
    tail.resume();
    expect(ids(tail.view(20).records)).toEqual(Array.from({ length: 50 }, (_, i) => 70 + i));
  });

  it('clears lines, held lines and the drop count', () => {
    seq = 0;
    const tail = new TailController(0);
    tail.receive(batch(10), 0);
    tail.receive({ type: 'dropped', count: 4 }, 0);
    tail.pause();
    tail.receive(batch(5), 10);
    tail.clear(20);
    const view = tail.view(30);
    expect(view).toMatchObject({ records: [], pending: 0, dropped: 0, paused: true });
    tail.resume();
    expect(tail.view(40).records).toEqual([]);
  });

  it('keeps the last error, sample flag and warnings; lines clear the error', () => {
    seq = 0;
    const tail = new TailController(0);
    tail.receive({ type: 'error', error: { code: 'backend_unavailable', message: 'gone' } }, 0);
    expect(tail.view(0).error?.message).toBe('gone');
    tail.receive({ ...batch(1), sampled: true, warnings: ['polling'] } as TailMessage, 10);
    expect(tail.view(10)).toMatchObject({ error: undefined, sampled: true, warnings: ['polling'] });
  });
});
