import { describe, expect, it } from 'vitest';
import { fromEpoch, parseRfc3339, timeFromLine } from './timestamps';

const at = (iso: string, subNs = 0) => ({ ms: Date.parse(iso), subNs });

describe('parseRfc3339', () => {
  it('keeps nanoseconds and honours offsets', () => {
    expect(parseRfc3339('2020-08-19T21:06:24.337499838Z')).toEqual(
      at('2020-08-19T21:06:24.337Z', 499_838),
    );
    expect(parseRfc3339('2024-05-01 12:00:00,5+02:00')).toEqual(at('2024-05-01T10:00:00.500Z'));
    expect(parseRfc3339('2024-05-01T12:00:00+0200')).toEqual(at('2024-05-01T10:00:00Z'));
    expect(parseRfc3339('not a time')).toBeUndefined();
  });
});

describe('fromEpoch', () => {
  it('tells seconds, milliseconds, microseconds and nanoseconds apart', () => {
    expect(fromEpoch('1700000000.123456789')).toEqual({ ms: 1_700_000_000_123, subNs: 456_789 });
    expect(fromEpoch(1_700_000_000_123)).toEqual({ ms: 1_700_000_000_123, subNs: 0 });
    expect(fromEpoch('1700000000123456')).toEqual({ ms: 1_700_000_000_123, subNs: 456_000 });
    expect(fromEpoch('1700000000123456789')).toEqual({ ms: 1_700_000_000_123, subNs: 456_789 });
    expect(fromEpoch(0)).toEqual({ ms: 0, subNs: 0 });
    expect(fromEpoch('-5')).toBeUndefined();
  });
});

describe('timeFromLine', () => {
  const now = Date.parse('2026-01-02T00:00:00Z');

  it('reads the time fields of JSON lines and leading stamps of text lines', () => {
    expect(timeFromLine('{"level":"info","ts":1700000000.25,"msg":"zap"}')).toEqual(
      at('2023-11-14T22:13:20.250Z'),
    );
    expect(timeFromLine('{"time":"2024-05-01T10:00:00.000000001Z","msg":"slog"}')).toEqual(
      at('2024-05-01T10:00:00Z', 1),
    );
    expect(timeFromLine('time="2024-05-01T10:00:00Z" level=info msg=logfmt')).toEqual(
      at('2024-05-01T10:00:00Z'),
    );
    expect(timeFromLine('2024-05-01 10:00:00.123 ERROR 1 --- [main] boom')).toEqual(
      at('2024-05-01T10:00:00.123Z'),
    );
  });

  it('reads a logfmt time key wherever go-kit puts it', () => {
    // Real lines: thanosbench's output in Thanos' tutorial, a Loki ingester's in OpenShift's docs.
    expect(
      timeFromLine(
        'level=info ts=2020-10-20T18:28:42.625041939Z caller=block.go:87 msg="all blocks done" count=13',
      ),
    ).toEqual(at('2020-10-20T18:28:42.625Z', 41_939));
    expect(
      timeFromLine(
        'level=info ts=2023-06-13T23:55:50.410697776Z caller=flush.go:168 msg="flushing stream" user=infrastructure fp=8532775eba54c8ba immediate=false num_chunks=1',
      ),
    ).toEqual(at('2023-06-13T23:55:50.410Z', 697_776));
    expect(timeFromLine('msg="took 2024-05-01T10:00:00Z" ms=3')).toBeUndefined();
  });

  it('reads nginx and klog stamps, giving klog the right year', () => {
    expect(
      timeFromLine('10.0.0.1 - - [07/Dec/2016:11:05:07 +0100] "GET / HTTP/1.1" 200 5 "-" "-"'),
    ).toEqual(at('2016-12-07T10:05:07Z'));
    expect(timeFromLine('I0101 23:59:59.123456 1 main.go:1] started', now)).toEqual(
      at('2026-01-01T23:59:59.123Z', 456_000),
    );
    expect(timeFromLine('E1231 23:59:59.000001 1 main.go:1] failed', now)).toEqual(
      at('2025-12-31T23:59:59Z', 1_000),
    );
  });

  it('finds nothing in a line without a time', () => {
    expect(timeFromLine('Fluent Bit is logging')).toBeUndefined();
  });
});
