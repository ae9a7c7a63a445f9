import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../../../model';
import { dedupKey, dedupRows } from './dedup';

const record = (id: string, line: string): LogRecord => ({
  id,
  ts: '1795561855000000000',
  line,
  labels: {},
  fields: {},
  level: 'info',
  source: 'local',
});

describe('dedupRows', () => {
  const lines = [
    '2024-05-01T10:00:00.123Z GET /cart 200 12ms',
    '2024-05-01T10:00:01.456Z GET /cart 200 12ms',
    '2024-05-01T10:00:02.000Z GET /cart 200 97ms',
    '2024-05-01T10:00:03.000Z GET /pay 500 3ms',
    '2024-05-01T10:00:04.000Z GET /cart 200 12ms',
  ].map((line, i) => record(String(i), line));

  it('keeps every line with no mode', () => {
    expect(dedupRows(lines, 'none').map((r) => r.count)).toEqual([1, 1, 1, 1, 1]);
  });

  it('folds consecutive repeats only, keeping the first with the count', () => {
    const rows = dedupRows(lines, 'exact');
    expect(rows.map((r) => [r.record.id, r.count])).toEqual([
      ['0', 2],
      ['2', 1],
      ['3', 1],
      ['4', 1],
    ]);
  });

  it('ignores numbers, or everything but the shape, as asked', () => {
    expect(dedupRows(lines, 'numbers').map((r) => r.count)).toEqual([3, 1, 1]);
    expect(dedupRows(lines, 'signature').map((r) => r.count)).toEqual([5]);
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
    const exact = dedupRows(sample, 'exact');
    const signature = dedupRows(sample, 'signature');
    expect(signature.reduce((n, r) => n + r.count, 0)).toBe(sample.length);
    expect(signature.length).toBeLessThan(exact.length);
    expect(signature.length).toBeGreaterThan(1);
  });
});
