import { describe, expect, it } from 'vitest';
import { HeightIndex, rowWindow } from './heightIndex';

/** The offsets summed the slow way, to check the tree against. */
function naiveOffset(heights: number[], index: number): number {
  return heights.slice(0, index).reduce((a, b) => a + b, 0);
}

describe('HeightIndex', () => {
  it('keeps offsets and totals right while heights change', () => {
    const heights = Array.from({ length: 1000 }, (_, i) => 20 + (i % 7) * 3);
    const index = new HeightIndex(heights.length, (i) => heights[i] ?? 0);
    expect(index.totalHeight).toBe(naiveOffset(heights, heights.length));
    for (const [row, h] of [
      [0, 200],
      [999, 5],
      [500, 66],
      [501, 22],
    ] as const) {
      heights[row] = h;
      index.set(row, h);
    }
    for (const row of [0, 1, 2, 499, 500, 501, 502, 998, 999, 1000]) {
      expect(index.offsetOf(row)).toBe(naiveOffset(heights, row));
    }
    expect(index.totalHeight).toBe(naiveOffset(heights, heights.length));
  });

  it('finds the row under a pixel offset', () => {
    const index = new HeightIndex(5, (i) => [10, 30, 20, 10, 40][i] ?? 0);
    expect([0, 9, 10, 39, 40, 59, 60, 69, 70, 109, 500].map((o) => index.indexAt(o))).toEqual([
      0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 4,
    ]);
  });

  it('lists only the first rows while the rest are not known yet', () => {
    const all = new HeightIndex(100, 20);
    const ten = all.listing(10);
    expect(ten.totalHeight).toBe(200);
    expect(ten.indexAt(5_000)).toBe(9);
    expect(ten.set(50, 40)).toBe(0);
    ten.set(2, 40);
    const twenty = ten.listing(20);
    expect(twenty.totalHeight).toBe(420);
    expect(twenty.offsetOf(20)).toBe(420);
    expect(ten.listing(500).count).toBe(100);
    expect(all.totalHeight).toBe(2_020);
  });

  it('reports the change a measurement made', () => {
    const index = new HeightIndex(3, () => 22);
    expect(index.set(1, 44)).toBe(22);
    expect(index.set(1, 44)).toBe(0);
    expect(index.set(7, 44)).toBe(0);
  });
});

describe('rowWindow', () => {
  it('renders the rows in view plus overscan, with fixed heights', () => {
    const index = new HeightIndex(100_000, () => 20);
    expect(rowWindow(index, 0, 400, 5)).toEqual({
      start: 0,
      end: 26,
      totalHeight: 2_000_000,
    });
    expect(rowWindow(index, 10_000, 400, 5)).toEqual({
      start: 495,
      end: 526,
      totalHeight: 2_000_000,
    });
  });

  it('follows measured heights of wrapped rows', () => {
    const index = new HeightIndex(1000, () => 22);
    index.set(0, 220);
    // Row 0 fills the first 220 px: scrolled 230 px down, row 1 (220..242) is first in view.
    expect(rowWindow(index, 230, 44, 0)).toMatchObject({ start: 1, end: 4 });
  });

  it('clamps at the end and for empty lists', () => {
    expect(rowWindow(new HeightIndex(30, () => 20), 500, 400, 5)).toMatchObject({
      start: 20,
      end: 30,
    });
    expect(rowWindow(new HeightIndex(0, () => 20), 0, 400)).toEqual({
      start: 0,
      end: 0,
      totalHeight: 0,
    });
  });
});
