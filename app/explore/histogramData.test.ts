import { describe, expect, it } from 'vitest';
import { stackedColumns, totalCount } from './histogramData';
import { histogramOptions, timeTicks } from './histogramOptions';

const histogram = {
  stepMs: 60_000,
  times: [60_000, 120_000],
  series: [
    { name: 'info', counts: [3, 1] },
    { name: 'error', counts: [1, 4] },
  ],
};

describe('histogram data', () => {
  it('stacks series as running sums, highest first, x in seconds', () => {
    expect(stackedColumns(histogram)).toEqual({
      data: [
        [60, 120],
        [4, 5],
        [3, 1],
      ],
      names: ['error', 'info'],
    });
    expect(totalCount(histogram)).toBe(9);
  });

  it('labels ticks in 24-hour time, with dates when they span days', () => {
    const at = (h: number, m = 0) => new Date(2026, 10, 24, h, m).getTime() / 1000;
    expect(timeTicks([at(17, 30), at(18), at(18, 30)])).toEqual(['17:30', '18:00', '18:30']);
    expect(timeTicks([at(0), at(12), at(0) + 2 * 86_400])).toEqual([
      '11-24',
      '11-24 12:00',
      '11-26',
    ]);
  });

  it('builds options with level colours and a drag-to-zoom hook', () => {
    let selected: [number, number] | undefined;
    const options = histogramOptions(800, 110, ['error', 'info'], (f, t) => (selected = [f, t]));
    expect(options.series.map((s) => s.label)).toEqual([undefined, 'error', 'info']);
    expect(options.series[1]?.fill).toBe('#f2495c');
    const fake = {
      select: { left: 10, width: 50, top: 0, height: 0 },
      posToVal: (px: number) => px * 2,
      setSelect: () => undefined,
    };
    options.hooks?.setSelect?.[0]?.(fake as never);
    expect(selected).toEqual([20_000, 120_000]);
  });
});
