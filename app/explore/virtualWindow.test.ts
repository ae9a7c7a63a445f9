import { describe, expect, it } from 'vitest';
import { virtualWindow } from './virtualWindow';

describe('virtualWindow', () => {
  it('renders only the rows in view plus overscan', () => {
    expect(virtualWindow(100_000, 20, 0, 400, 5)).toEqual({
      start: 0,
      end: 26,
      offsetTop: 0,
      totalHeight: 2_000_000,
    });
    expect(virtualWindow(100_000, 20, 10_000, 400, 5)).toEqual({
      start: 495,
      end: 526,
      offsetTop: 9_900,
      totalHeight: 2_000_000,
    });
  });

  it('clamps at the end of the list and for tiny lists', () => {
    expect(virtualWindow(30, 20, 500, 400, 5)).toMatchObject({ start: 20, end: 30 });
    expect(virtualWindow(3, 20, 0, 400)).toMatchObject({ start: 0, end: 3 });
  });
});
