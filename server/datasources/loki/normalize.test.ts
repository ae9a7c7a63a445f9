import { describe, expect, it } from 'vitest';
import { recordsOf, sortRecords } from './normalize';
import type { LokiStream } from './wire';

const TS = '1764000000000000000';
const stream = (pod: string, values: LokiStream['values']): LokiStream => ({
  stream: { namespace: 'shop', pod },
  values,
});

describe('Loki record ids', () => {
  it('tell apart repeats and lines of one nanosecond, and stay the same across answers', () => {
    const answer = () => [
      stream('a', [
        [TS, 'GET /cart 200'],
        [TS, 'GET /cart 200'],
        [TS, 'GET /cart 500'],
        [TS, 'GET /cart 200'],
        ['1763999999999999999', 'GET /cart 200'],
      ]),
      stream('b', [[TS, 'GET /cart 200']]),
    ];
    const ids = recordsOf(answer(), 'loki').map((r) => r.id);
    expect(new Set(ids).size).toBe(6);
    expect(ids.filter((id) => id.endsWith('~1') || id.endsWith('~2'))).toHaveLength(2);
    expect(recordsOf(answer(), 'loki').map((r) => r.id)).toEqual(ids);
  });

  it('are the ids earlier versions gave, so shared links to a line keep finding it', () => {
    const lines = [
      '',
      'a',
      'ab',
      'abc',
      'abcd',
      'level=info msg="cart updated"',
      'é😀 naïve',
      'x'.repeat(255),
      `${'y'.repeat(256)}tail`,
      'z'.repeat(257),
    ];
    const records = recordsOf(
      [
        stream(
          'a',
          lines.map((line, i) => [String(BigInt(TS) + BigInt(i)), line]),
        ),
      ],
      'loki',
    );
    expect(records.map((r) => r.id)).toEqual([
      '3y56b9ujzr-1764000000000000000-2271358496014336',
      '3y56b9ujzr-1764000000000000001-4011854103838721',
      '3y56b9ujzr-1764000000000000002-1357142500048898',
      '3y56b9ujzr-1764000000000000003-462338476998659',
      '3y56b9ujzr-1764000000000000004-3627596416811012',
      '3y56b9ujzr-1764000000000000005-2626411788501021',
      '3y56b9ujzr-1764000000000000006-1536463466397705',
      '3y56b9ujzr-1764000000000000007-1743316017217791',
      '3y56b9ujzr-1764000000000000008-2504997469159684',
      '3y56b9ujzr-1764000000000000009-3867022598340865',
    ]);
  });

  it('tell apart long lines that differ only past their start by their length', () => {
    const long = 'x'.repeat(300);
    const [a, b] = recordsOf(
      [
        stream('a', [
          [TS, long],
          [TS, `${long}y`],
        ]),
      ],
      'loki',
    );
    expect(a?.id).not.toBe(b?.id);
    expect(b?.id.includes('~')).toBe(false);
  });
});

describe('sortRecords', () => {
  it('orders by nanosecond across streams, newest or oldest first', () => {
    const records = recordsOf(
      [
        stream('a', [
          ['1764000000000000003', 'a3'],
          ['1764000000000000001', 'a1'],
        ]),
        stream('b', [
          ['1764000000000000004', 'b4'],
          ['999999999999999999', 'b0'],
        ]),
      ],
      'loki',
    );
    sortRecords(records, 'backward');
    expect(records.map((r) => r.line)).toEqual(['b4', 'a3', 'a1', 'b0']);
    sortRecords(records, 'forward');
    expect(records.map((r) => r.line)).toEqual(['b0', 'a1', 'a3', 'b4']);
  });
});
