import { describe, expect, it } from 'vitest';
import { LEVELS } from '../../../model';
import { LogStore, type Entry } from './store';

const entries = (count: number, ms: (i: number) => number): Entry[] =>
  Array.from({ length: count }, (_, i) => ({ ms: ms(i), subNs: 0, line: `line ${i}` }));

describe('LogStore', () => {
  it('keeps each stream in time order whatever order lines arrive in', () => {
    const store = new LogStore(100);
    store.append({ job: 'a' }, [
      { ms: 30, subNs: 0, line: 'third' },
      { ms: 10, subNs: 5, line: 'second' },
      { ms: 10, subNs: 1, line: 'first ERROR' },
    ]);
    const [stream] = [...store.streams()];
    expect(stream?.lines).toEqual(['first ERROR', 'second', 'third']);
    expect(stream?.seqs).toEqual([2, 1, 0]);
    expect(LEVELS[stream?.levels[0] ?? -1]).toBe('error');
  });

  it('places late lines among earlier ones, down to the nanosecond', () => {
    const store = new LogStore(1_000);
    store.append(
      { job: 'a' },
      entries(100, (i) => i * 10),
    );
    store.append({ job: 'a' }, [
      { ms: 990, subNs: 0, line: 'same time as the last, appended after it' },
      { ms: 500, subNs: 7, line: 'late' },
      { ms: 500, subNs: 3, line: 'later still' },
    ]);
    const [s] = [...store.streams()];
    const keys = (s?.ms ?? []).map((ms, i) => ms * 1e6 + (s?.subNs[i] ?? 0));
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
    expect(s?.lines.slice(50, 53)).toEqual(['line 50', 'later still', 'late']);
    expect(s?.lines.slice(-2)).toEqual(['line 99', 'same time as the last, appended after it']);
    store.append({ job: 'a' }, [{ ms: 990, subNs: 0, line: 'tie' }]);
    store.append({ job: 'a' }, [{ ms: 989, subNs: 999_999, line: 'just before' }]);
    expect(s?.lines.slice(-4)).toEqual([
      'just before',
      'line 99',
      'same time as the last, appended after it',
      'tie',
    ]);
  });

  it('drops the oldest lines across streams past the bound, even from one huge stream', () => {
    const store = new LogStore(250_000);
    store.append(
      { job: 'small' },
      entries(1_000, (i) => i),
    );
    store.append(
      { job: 'big' },
      entries(300_000, (i) => 500_000 + i),
    );
    expect(store.size).toBeLessThanOrEqual(250_000);
    expect(store.size).toBeGreaterThan(200_000);
    const byJob = new Map([...store.streams()].map((s) => [s.labels['job'], s]));
    // Every line of the small stream is older than the big one's: they go first.
    expect(byJob.get('small')?.ms.length).toBe(0);
    expect(byJob.get('big')?.ms.at(-1)).toBe(500_000 + 299_999);
    expect(byJob.get('big')?.lines.length).toBe(store.size);
  });

  it('stays bounded when every line carries the same time', () => {
    const store = new LogStore(1_000);
    for (let i = 0; i < 5; i++)
      store.append(
        { job: 'read-at-once' },
        entries(700, () => 42),
      );
    expect(store.size).toBeLessThanOrEqual(1_000);
    const [stream] = [...store.streams()];
    expect(stream?.lines.length).toBe(store.size);
    expect(stream?.lines.at(-1)).toBe('line 699');
  });

  it('caps a huge line with a visible marker instead of refusing it', () => {
    const store = new LogStore(10);
    store.append({ job: 'big' }, [{ ms: 1, subNs: 0, line: 'x'.repeat(1024 * 1024) }]);
    const [stream] = [...store.streams()];
    expect(stream?.lines[0]).toMatch(/^x{262144}… \[truncated 786432 bytes\]$/);
  });
});
