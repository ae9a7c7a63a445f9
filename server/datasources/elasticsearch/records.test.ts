import { describe, expect, it } from 'vitest';
import { nanosOf, recordOf } from './records';

describe('nanosOf', () => {
  it('reads ISO times with their sub-millisecond digits, epoch milliseconds as number or text', () => {
    expect(nanosOf('2026-11-24T12:00:00.123456789Z')).toBe('1795521600123456789');
    expect(nanosOf('2026-11-24T13:00:00.5+01:00')).toBe('1795521600500000000');
    expect(nanosOf('2026-11-24T12:00:00Z')).toBe('1795521600000000000');
    expect(nanosOf(1795521600123)).toBe('1795521600123000000');
    expect(nanosOf('1795521600123')).toBe('1795521600123000000');
    expect(nanosOf('1969-12-31T23:59:59.999Z')).toBe('-1000000');
    expect(nanosOf('yesterday')).toBeUndefined();
    expect(nanosOf(undefined)).toBeUndefined();
  });
});

describe('recordOf', () => {
  it('flattens what is not the line, the time or a label into dotted fields', () => {
    const record = recordOf(
      {
        _index: 'fluentd-2026.11.24',
        _id: 'a1',
        _source: {
          '@timestamp': '2026-11-24T12:00:00.000Z',
          log: 'GET /cart 500',
          stream: 'stdout',
          kubernetes: { namespace_name: 'shop', labels: { app: 'cart' }, ports: [80, 443] },
          empty: null,
        },
      },
      {
        source: 'es',
        timeField: '@timestamp',
        messageField: 'log',
        levelField: undefined,
        fieldMap: { namespace: 'kubernetes.namespace_name' },
      },
    );
    expect(record).toMatchObject({
      id: 'fluentd-2026.11.24/a1',
      line: 'GET /cart 500',
      labels: { namespace: 'shop' },
      fields: {
        stream: 'stdout',
        'kubernetes.labels.app': 'cart',
        'kubernetes.ports': '[80,443]',
      },
    });
    expect(Object.keys(record?.fields ?? {})).toHaveLength(3);
  });
});
