import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../../../model';
import { columnChoices, columnValue, showsSource } from './columns';

const record = (source: string, labels: Record<string, string>, fields = {}): LogRecord => ({
  id: `${source}-${JSON.stringify(labels)}`,
  ts: '1795561855000000000',
  line: 'x',
  labels,
  fields,
  level: 'info',
  source,
});

describe('columns', () => {
  it('read labels, then fields, then nothing', () => {
    const r = record('loki', { namespace: 'shop' }, { status: '200', namespace: 'other' });
    expect(columnValue(r, 'namespace')).toBe('shop');
    expect(columnValue(r, 'status')).toBe('200');
    expect(columnValue(r, 'missing')).toBe('');
    expect(columnValue(r, 'source')).toBe('loki');
  });

  it('show the source only when the answer mixes datasources', () => {
    expect(showsSource([record('a', {}), record('a', {})])).toBe(false);
    expect(showsSource([record('a', {}), record('b', {})])).toBe(true);
    expect(showsSource([])).toBe(false);
  });

  it('offer the commonest fields first', () => {
    const records = [
      record('a', { app: 'x', pod: 'p' }),
      record('a', { app: 'y' }, { status: '500' }),
      record('a', { app: 'z' }, { status: '200' }),
    ];
    expect(columnChoices(records)).toEqual(['app', 'status', 'pod']);
  });
});
