import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Histogram } from '../../../model';
import type { Datasource } from '../../../server/datasources/datasource';
import { createLocalDatasource } from '../../../server/datasources/local';
import {
  bucketRange,
  lineColumns,
  seriesColour,
  stackedColumns,
  totalCount,
} from '../histogramData';
import { histogramOptions, timeTicks, type PlotSpec } from './histogramOptions';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const STEP = 300_000;
const signal = new AbortController().signal;
const range = { language: 'logql' as const, fromMs: NOW - 6 * 3_600_000, toMs: NOW };

let ds: Datasource;
let volume: Histogram;
let metric: Histogram;
beforeAll(async () => {
  ds = await createLocalDatasource(
    { id: 'histogram', kind: 'local', replay: false },
    { now: () => NOW, sampleScale: 0.05 },
  );
  volume = await ds.histogram({ ...range, query: '{job=~".+"}', stepMs: STEP }, signal);
  metric = await ds.histogram(
    { ...range, query: 'sum by (namespace) (rate({job=~".+"}[5m]))', stepMs: STEP },
    signal,
  );
});
afterAll(() => ds.close());

const column = (h: Histogram, name: string) => h.series.find((s) => s.name === name)?.counts ?? [];

describe('histogram data from the bundled samples', () => {
  it('stacks the shown levels as running sums, highest first, x in seconds', () => {
    const names = volume.series.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['info', 'error']));
    const plot = stackedColumns(volume);
    expect(plot.data[0]).toEqual(volume.times.map((t) => t / 1000));
    expect(plot.series.map((s) => s.name)).toEqual([...names].reverse());
    // The top of the stack is every line of the bucket.
    const top = plot.data[1] ?? [];
    volume.times.forEach((_, i) => {
      expect(top[i]).toBe(volume.series.reduce((n, s) => n + (s.counts[i] ?? 0), 0));
    });
    expect(plot.series.find((s) => s.name === 'error')?.colour).toBe('#f2495c');
  });

  it('leaves hidden series out of the stack and the shown total', () => {
    const plot = stackedColumns(volume, ['info']);
    expect(plot.series.map((s) => s.name)).not.toContain('info');
    const info = column(volume, 'info');
    const total = totalCount(volume);
    expect(totalCount(volume, ['info'])).toBe(total - info.reduce((a, b) => a + b, 0));
    expect(total).toBeGreaterThan(100);
    // Hiding a series keeps the others' colours.
    const kept = plot.series.find((s) => s.name === 'error')?.colour;
    expect(kept).toBe(stackedColumns(volume).series.find((s) => s.name === 'error')?.colour);
  });

  it("draws a metric query as one line per series, in the answer's order", () => {
    const names = metric.series.map((s) => s.name);
    expect(names).toContain('{namespace="shop"}');
    const plot = lineColumns(metric, ['{namespace="shop"}']);
    expect(plot.series.map((s) => s.name)).toEqual(names.filter((n) => n !== '{namespace="shop"}'));
    expect(plot.data[1]).toEqual(
      metric.series.find((s) => s.name === plot.series[0]?.name)?.counts,
    );
  });

  it("colours a metric series split by level alone in the level's colour", () => {
    expect(seriesColour('{level="error"}', 5)).toBe('#f2495c');
    expect(seriesColour('{detected_level="warn"}', 5)).toBe('#ff9830');
    expect(seriesColour('{level="error", job="x"}', 0)).not.toBe('#f2495c');
  });

  it('gives a federated answer (series per datasource) palette colours by place', () => {
    const federated: Histogram = {
      ...volume,
      series: [
        { name: 'loki', counts: column(volume, 'info') },
        { name: 'es', counts: column(volume, 'error') },
      ],
    };
    const colours = stackedColumns(federated).series.map((s) => s.colour);
    expect(new Set(colours).size).toBe(2);
    expect(colours).not.toContain('#f2495c');
  });

  it('zooms a clicked bar to its bucket', () => {
    expect(bucketRange(volume, 3)).toEqual([volume.times[3], (volume.times[3] ?? 0) + STEP]);
    expect(bucketRange(volume, volume.times.length)).toBeUndefined();
  });
});

describe('histogram options', () => {
  const spec = (over: Partial<PlotSpec> = {}): PlotSpec => ({
    kind: 'bars',
    series: stackedColumns(volume).series,
    theme: { text: '#8e8e8e', grid: '#2c3235' },
    onSelect: () => undefined,
    onPick: () => undefined,
    ...over,
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

  it('fills bars in their colours; metric lines are strokes with the unit on the axis', () => {
    const bars = histogramOptions(800, 110, spec());
    expect(bars.series[1]?.fill).toBe(stackedColumns(volume).series[0]?.colour);
    const lines = histogramOptions(
      800,
      110,
      spec({ kind: 'lines', series: lineColumns(metric).series, unit: 'lines/s' }),
    );
    expect(lines.series[1]?.fill).toBeUndefined();
    expect(lines.series[1]?.width).toBe(1.5);
    expect(lines.axes?.[1]?.label).toBe('lines/s');
  });

  it('turns a drag into a range, and a click without a drag into a pick of its bucket', () => {
    let selected: [number, number] | undefined;
    const picked: number[] = [];
    const options = histogramOptions(
      800,
      110,
      spec({ onSelect: (f, t) => (selected = [f, t]), onPick: (i) => picked.push(i) }),
    );
    const over = new EventTarget();
    const fake = {
      over,
      cursor: { idx: 4 },
      select: { left: 10, width: 50, top: 0, height: 0 },
      posToVal: (px: number) => px * 2,
      setSelect: () => undefined,
    };
    options.hooks?.setSelect?.[0]?.(fake as never);
    expect(selected).toEqual([20_000, 120_000]);

    options.hooks?.ready?.[0]?.(fake as never);
    const mouse = (type: string, clientX: number) =>
      over.dispatchEvent(Object.assign(new Event(type), { clientX }));
    mouse('mousedown', 100);
    mouse('click', 101);
    expect(picked).toEqual([4]);
    mouse('mousedown', 100);
    mouse('click', 160);
    expect(picked).toEqual([4]);
    selected = undefined;
    options.hooks?.setSelect?.[0]?.({ ...fake, select: { ...fake.select, width: 2 } } as never);
    expect(selected).toBeUndefined();
  });
});
