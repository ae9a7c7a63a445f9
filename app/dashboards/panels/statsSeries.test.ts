import { describe, expect, it } from 'vitest';
import type { LogRecord, QueryResponse } from '../../../model';
import { statsSeries } from './statsSeries';

const ns = (iso: string) => String(BigInt(Date.parse(iso)) * 1_000_000n);
const row = (fields: Record<string, string>, time: string): LogRecord => ({
  id: time,
  ts: ns(time),
  line: '',
  labels: {},
  fields,
  level: 'unknown',
  source: 'cw',
});
const table = (columns: string[], records: LogRecord[]): QueryResponse => ({
  records,
  stats: { scanned: 0, returned: records.length, tookMs: 1, truncated: false, columns },
});

describe('statsSeries', () => {
  it('turns the bin column into times and each numeric column into a series', () => {
    const h = statsSeries(
      table(
        ['bin(5m)', 'count(*)', 'avg(bytes)'],
        [
          row(
            { 'bin(5m)': '2026-03-02 12:05:00.000', 'count(*)': '4', 'avg(bytes)': '10.5' },
            '2026-03-02T12:05:00Z',
          ),
          row(
            { 'bin(5m)': '2026-03-02 12:00:00.000', 'count(*)': '2', 'avg(bytes)': '3' },
            '2026-03-02T12:00:00Z',
          ),
        ],
      ),
    );
    expect(h.times).toEqual([
      Date.parse('2026-03-02T12:00:00Z'),
      Date.parse('2026-03-02T12:05:00Z'),
    ]);
    expect(h.stepMs).toBe(300_000);
    expect(h.series).toEqual([
      { name: 'count(*)', counts: [2, 4] },
      { name: 'avg(bytes)', counts: [3, 10.5] },
    ]);
  });

  it('splits the series by the other columns of `by`, a missing bin counting 0', () => {
    const h = statsSeries(
      table(
        ['bin(1m)', 'level', 'count(*)'],
        [
          row({ 'bin(1m)': 'a', level: 'error', 'count(*)': '1' }, '2026-03-02T12:00:00Z'),
          row({ 'bin(1m)': 'b', level: 'info', 'count(*)': '7' }, '2026-03-02T12:01:00Z'),
        ],
      ),
    );
    expect(h.series).toEqual([
      { name: 'count(*) error', counts: [1, 0] },
      { name: 'count(*) info', counts: [0, 7] },
    ]);
  });

  it('refuses a table without a bin column, saying what it needs', () => {
    expect(() => statsSeries(table(['level', 'count(*)'], []))).toThrow(/by bin/);
  });
});
