import { describe, expect, it } from 'vitest';
import { formatRate, pausedText } from './tailText';

describe('tail text', () => {
  it('writes rates with thousands separators, and a decimal when slow', () => {
    expect(formatRate(2_139.6)).toBe('2,140 lines/s');
    expect(formatRate(0.4)).toBe('0.4 lines/s');
    expect(formatRate(0)).toBe('0 lines/s');
  });

  it('says how many lines wait while paused', () => {
    expect(pausedText(1_234)).toBe('Paused · 1,234 new');
  });
});
