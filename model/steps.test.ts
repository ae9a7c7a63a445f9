import { describe, expect, it } from 'vitest';
import { bucketsForWidth, niceStepMs } from './steps';

describe('histogram steps', () => {
  it('picks the smallest round step within the bucket budget', () => {
    expect(niceStepMs(3_600_000, 150)).toBe(30_000);
    expect(niceStepMs(3_600_000, 60)).toBe(60_000);
    expect(niceStepMs(7 * 86_400_000, 150)).toBe(7_200_000);
    expect(niceStepMs(400 * 86_400_000, 100)).toBe(4 * 86_400_000);
  });

  it('gives a wider chart more, finer bars, within bounds', () => {
    expect(bucketsForWidth(1600)).toBe(200);
    expect(bucketsForWidth(100)).toBe(30);
    expect(bucketsForWidth(10_000)).toBe(300);
  });
});
