import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../../../model';
import { dedupKey, listRows, rowOf, RowsBuilder, type ListRows } from './dedup';

const record = (id: string, line: string): LogRecord => ({
  id,
  ts: '1795561855000000000',
  line,
  labels: {},
  fields: {},
  level: 'info',
  source: 'local',
});

const counts = (rows: ListRows) => Array.from({ length: rows.length }, (_, i) => rows.count(i));
const ids = (rows: ListRows) => Array.from({ length: rows.length }, (_, i) => rows.record(i)?.id);

describe('listRows', () => {
  const lines = [
    '2024-05-01T10:00:00.123Z GET /cart 200 12ms',
    '2024-05-01T10:00:01.456Z GET /cart 200 12ms',
    '2024-05-01T10:00:02.000Z GET /cart 200 97ms',
    '2024-05-01T10:00:03.000Z GET /pay 500 3ms',
    '2024-05-01T10:00:04.000Z GET /cart 200 12ms',
  ].map((line, i) => record(String(i), line));

  it('keeps every line with no mode', () => {
    expect(counts(listRows(lines, 'none'))).toEqual([1, 1, 1, 1, 1]);
    expect(ids(listRows(lines, 'none', true))).toEqual(['4', '3', '2', '1', '0']);
  });

  it('folds consecutive repeats only, keeping the first with the count', () => {
    const rows = listRows(lines, 'exact');
    expect(ids(rows).map((id, i) => [id, rows.count(i)])).toEqual([
      ['0', 2],
      ['2', 1],
      ['3', 1],
      ['4', 1],
    ]);
  });

  it('ignores numbers, or everything but the shape, as asked', () => {
    expect(counts(listRows(lines, 'numbers'))).toEqual([3, 1, 1]);
    expect(counts(listRows(lines, 'signature'))).toEqual([5]);
  });

  it('keys lines as Grafana describes the strategies', () => {
    expect(dedupKey('took 12.5 ms for 3 items', 'numbers')).toBe('took 0 ms for 0 items');
    expect(dedupKey('level=info msg="a b"', 'signature')).toBe('= =" "');
  });

  it('folds the repeated lines of a real sample', () => {
    const sample = readFileSync(
      'server/datasources/local/samples/nginx-ingress/beats_ingress_controller_test.log',
      'utf8',
    )
      .split('\n')
      .filter(Boolean)
      .map((line, i) => record(String(i), line));
    const exact = listRows(sample, 'exact');
    const signature = listRows(sample, 'signature');
    expect(counts(signature).reduce((n, c) => n + c, 0)).toBe(sample.length);
    expect(signature.length).toBeLessThan(exact.length);
    expect(signature.length).toBeGreaterThan(1);
  });

  it('folds in slices to the same rows as at once, in either order', () => {
    // The sample thirty times over: more lines than one slice reads before it looks at the clock.
    const sample = readFileSync(
      'server/datasources/local/samples/nginx-ingress/beats_ingress_controller_test.log',
      'utf8',
    )
      .repeat(30)
      .split('\n')
      .filter(Boolean)
      .map((line, i) => record(String(i), line));
    for (const reversed of [false, true]) {
      const builder = new RowsBuilder(sample, 'numbers', reversed);
      builder.step(0, 3);
      const first = builder.snapshot();
      expect(first.complete).toBe(false);
      expect(first.length).toBeGreaterThanOrEqual(3);
      expect(first.length).toBeLessThan(sample.length);
      while (!builder.done) builder.step(0);
      const whole = listRows(sample, 'numbers', reversed);
      expect(counts(builder.snapshot())).toEqual(counts(whole));
      expect(ids(builder.snapshot())).toEqual(ids(whole));
      expect(ids(first)).toEqual(ids(whole).slice(0, first.length));
    }
  });

  it('finds the row of a record', () => {
    const rows = listRows(lines, 'exact');
    expect(rowOf(rows, '2')).toBe(1);
    expect(rowOf(rows, '1')).toBe(-1);
  });
});
