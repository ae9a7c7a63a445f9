import { describe, expect, it } from 'vitest';
import {
  entryKey,
  HISTORY_KEY,
  HISTORY_LIMIT,
  loadHistory,
  recordRun,
  removeEntry,
  saveHistory,
  searchHistory,
  toggleStar,
  type HistoryEntry,
} from './queryHistory';

const run = (query: string, datasource = 'local') => ({
  datasource,
  language: 'logql' as const,
  query,
  from: 'now-1h',
  to: 'now',
});

describe('query history', () => {
  it('puts a rerun query on top once, keeping its star', () => {
    let list = recordRun([], run('{app="a"}'), 1);
    list = recordRun(list, run('{app="b"}'), 2);
    list = toggleStar(list, entryKey(list[1] as HistoryEntry));
    list = recordRun(list, run('{app="a"}'), 3);
    expect(list.map((e) => [e.query, e.at, e.starred])).toEqual([
      ['{app="a"}', 3, true],
      ['{app="b"}', 2, false],
    ]);
    expect(recordRun(list, run('{app="a"}', 'loki'), 4)).toHaveLength(3);
  });

  it('keeps the newest unstarred entries up to the limit and every starred one', () => {
    let list = recordRun([], run('starred'), 0);
    list = toggleStar(list, entryKey(list[0] as HistoryEntry));
    for (let i = 1; i <= HISTORY_LIMIT + 20; i++) list = recordRun(list, run(`q${i}`), i);
    expect(list).toHaveLength(HISTORY_LIMIT + 1);
    expect(list.some((e) => e.query === 'starred')).toBe(true);
    expect(list.some((e) => e.query === 'q20')).toBe(false);
    expect(list.some((e) => e.query === 'q21')).toBe(true);
  });

  it('searches by every word, starred first, and removes an entry', () => {
    let list = recordRun([], run('{app="checkout"} |= "timeout"'), 1);
    list = recordRun(list, run('service:payments and error', 'es'), 2);
    list = recordRun(list, run('{app="checkout"} |= "error"'), 3);
    list = toggleStar(list, entryKey(list[2] as HistoryEntry));
    expect(searchHistory(list, 'checkout').map((e) => e.at)).toEqual([1, 3]);
    expect(searchHistory(list, 'ERROR es').map((e) => e.at)).toEqual([2]);
    expect(searchHistory(list, '', true).map((e) => e.at)).toEqual([1]);
    expect(removeEntry(list, entryKey(list[0] as HistoryEntry))).toHaveLength(2);
  });

  it('reads damaged or foreign storage as an empty or filtered history', () => {
    const store = (value: string | null) => ({ getItem: () => value });
    expect(loadHistory(store(null))).toEqual([]);
    expect(loadHistory(store('{not json'))).toEqual([]);
    expect(loadHistory(store('{"a":1}'))).toEqual([]);
    const good = recordRun([], run('x'), 1);
    const mixed = JSON.stringify([...good, { query: 1 }, { ...good[0], language: 'sql' }, null]);
    expect(loadHistory(store(mixed))).toEqual(good);
    const written = new Map<string, string>();
    saveHistory({ setItem: (k, v) => written.set(k, v) }, good);
    expect(loadHistory(store(written.get(HISTORY_KEY) ?? null))).toEqual(good);
    expect(() =>
      saveHistory(
        {
          setItem: () => {
            throw new Error('QuotaExceededError');
          },
        },
        good,
      ),
    ).not.toThrow();
  });
});
