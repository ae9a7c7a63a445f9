import { describe, expect, it } from 'vitest';
import { formatGoDuration, formatGoFloat, formatGoTime } from './goFormat';
import { parseLokiTime, parseSecondsOrDuration } from './params';

describe('Go formatting', () => {
  it.each([
    [0.4, '0.4'],
    [1.4819444444444445, '1.4819444444444445'],
    [1e21, '1000000000000000000000'],
    [1.5e-7, '0.00000015'],
    [-2.5e22, '-25000000000000000000000'],
    [Number.POSITIVE_INFINITY, '+Inf'],
    [Number.NEGATIVE_INFINITY, '-Inf'],
    [Number.NaN, 'NaN'],
  ])('float %d → %s', (value, text) => {
    expect(formatGoFloat(value)).toBe(text);
  });

  it.each([
    [0n, '0s'],
    [1_500_000n, '1.5ms'],
    [90_500_000_000n, '1m30.5s'],
    [721n * 3_600_000_000_000n, '721h0m0s'],
    [744n * 3_600_000_000_000n + 1_000_000n, '744h0m0.001s'],
  ])('duration %s → %s', (ns, text) => {
    expect(formatGoDuration(ns)).toBe(text);
  });

  it('prints times as time.Time does in UTC', () => {
    expect(formatGoTime(1_772_452_800_000_000_000n)).toBe('2026-03-02 12:00:00 +0000 UTC');
    expect(formatGoTime(1_772_452_800_120_000_000n)).toBe('2026-03-02 12:00:00.12 +0000 UTC');
  });
});

describe('Loki timestamps and durations', () => {
  const fallback = 7n;
  it.each([
    ['', fallback],
    ['1772452800', 1_772_452_800_000_000_000n],
    ['1772452800123456789', 1_772_452_800_123_456_789n],
    ['1772452800.5', 1_772_452_800_500_000_000n],
    ['1772452800.1234', 1_772_452_800_123_000_000n],
    ['2026-03-02T12:00:00Z', 1_772_452_800_000_000_000n],
    ['2026-03-02T13:00:00.000000001+01:00', 1_772_452_800_000_000_001n],
  ])('%s', (text, ns) => {
    expect(parseLokiTime(text, fallback)).toBe(ns);
  });

  it('refuses what Loki refuses', () => {
    expect(() => parseLokiTime('yesterday', fallback)).toThrow(
      'strconv.ParseInt: parsing "yesterday": invalid syntax',
    );
    expect(() => parseSecondsOrDuration('fast')).toThrow('cannot parse "fast" to a valid duration');
  });

  it('reads steps as seconds or durations', () => {
    expect(parseSecondsOrDuration('60')).toBe(60_000);
    expect(parseSecondsOrDuration('1.5')).toBe(1_500);
    expect(parseSecondsOrDuration('1h30m')).toBe(5_400_000);
  });
});
