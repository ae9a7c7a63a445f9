import { describe, expect, it } from 'vitest';
import { metricUnit, shortNumber } from './metricUnit';
import { toggleSeries } from './seriesToggle';
import { formatDuration, stepText } from './stepText';

const levels = ['error', 'warn', 'info'];

describe('legend toggles', () => {
  it('hides and shows one series per click', () => {
    expect(toggleSeries([], 'warn', levels, false)).toEqual(['warn']);
    expect(toggleSeries(['warn'], 'info', levels, false)).toEqual(['warn', 'info']);
    expect(toggleSeries(['warn', 'info'], 'warn', levels, false)).toEqual(['info']);
  });

  it('shows all again rather than hide the last one shown', () => {
    expect(toggleSeries(['warn', 'info'], 'error', levels, false)).toEqual([]);
  });

  it('shows one alone with a modifier, and all again when it was alone', () => {
    expect(toggleSeries([], 'error', levels, true)).toEqual(['warn', 'info']);
    expect(toggleSeries(['info'], 'warn', levels, true)).toEqual(['error', 'info']);
    expect(toggleSeries(['warn', 'info'], 'error', levels, true)).toEqual([]);
    expect(toggleSeries(['error', 'info'], 'error', levels, true)).toEqual(['warn', 'info']);
  });
});

describe('step text', () => {
  it('writes steps as Prometheus durations', () => {
    expect(formatDuration(60_000)).toBe('1m');
    expect(formatDuration(90_000)).toBe('1m30s');
    expect(formatDuration(500)).toBe('500ms');
    expect(formatDuration(86_400_000 + 3_600_000)).toBe('1d1h');
    expect(stepText(60_000, false)).toBe('1m buckets');
    expect(stepText(30_000, true)).toBe('step 30s');
  });
});

describe('metric units', () => {
  it('reads the unit from the range function', () => {
    expect(metricUnit('sum by (level) (rate({job=~".+"}[1m]))')).toBe('lines/s');
    expect(metricUnit('count_over_time({job="nginx"} |= "GET" [5m])')).toBe('lines');
    expect(metricUnit('sum(bytes_rate({job="nginx"}[1m]))')).toBe('B/s');
    expect(metricUnit('topk(3, bytes_over_time({job="nginx"}[1h]))')).toBe('B');
  });

  it('has none when arithmetic, a count of series or an unwrapped field decide it', () => {
    expect(metricUnit('sum(rate({a="b"}[1m])) / sum(rate({a=~".+"}[1m]))')).toBeUndefined();
    expect(metricUnit('count(rate({a="b"}[1m]))')).toBeUndefined();
    expect(metricUnit('avg_over_time({a="b"} | unwrap latency [1m])')).toBeUndefined();
  });

  it('shortens numbers for the axis', () => {
    expect(shortNumber(1_500)).toBe('1.5k');
    expect(shortNumber(2_000_000)).toBe('2M');
    expect(shortNumber(0.25)).toBe('0.25');
    expect(shortNumber(12.345)).toBe('12.3');
    expect(shortNumber(0)).toBe('0');
  });
});
