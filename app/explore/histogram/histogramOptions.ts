import uPlot from 'uplot';
import type { PlotSeries } from '../histogramData';
import { shortNumber } from './metricUnit';

/** Axis colours from the page's theme, read when the chart is made (canvas has no CSS). */
export interface PlotTheme {
  text: string;
  grid: string;
}

export interface PlotSpec {
  /** Stacked level (or datasource) counts as bars, or a metric query's series as lines. */
  kind: 'bars' | 'lines';
  series: PlotSeries[];
  /** What the y values are in, for metric queries: "lines/s", "B". */
  unit?: string | undefined;
  theme: PlotTheme;
  onSelect(fromMs: number, toMs: number): void;
  /** A click that did not drag, on the bucket at `index`. */
  onPick(index: number): void;
  onHover?(index: number | undefined, left: number): void;
}

/** Farther than this between press and release is a drag (a range), not a click on a bar. */
const CLICK_SLOP_PX = 3;

const pad = (n: number): string => String(n).padStart(2, '0');

/** 24-hour tick labels as Grafana shows them; the date appears once ticks span days. */
export function timeTicks(ticks: number[]): string[] {
  const span = (ticks.at(-1) ?? 0) - (ticks[0] ?? 0);
  return ticks.map((seconds) => {
    const d = new Date(seconds * 1000);
    const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
    if (span > 86_400) {
      const date = `${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
      return time === '00:00' ? date : `${date} ${time}`;
    }
    return span < 300 ? `${time}:${pad(d.getSeconds())}` : time;
  });
}

function listenForClicks(u: uPlot, onPick: (index: number) => void): void {
  let downX = Number.NaN;
  u.over.addEventListener('mousedown', (e) => (downX = e.clientX));
  u.over.addEventListener('click', (e) => {
    const index = u.cursor.idx;
    if (Math.abs(e.clientX - downX) > CLICK_SLOP_PX || index === null || index === undefined) {
      return;
    }
    onPick(index);
  });
}

/** Options for the histogram or metric graph; pure, so it is tested without a canvas. */
export function histogramOptions(width: number, height: number, spec: PlotSpec): uPlot.Options {
  const axis = {
    stroke: spec.theme.text,
    grid: { stroke: spec.theme.grid, width: 1 },
    ticks: { stroke: spec.theme.grid, width: 1 },
  };
  const bars =
    spec.kind === 'bars' && uPlot.paths.bars
      ? uPlot.paths.bars({ size: [0.9, 64], gap: 1 })
      : undefined;
  return {
    width,
    height,
    legend: { show: false },
    cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
    select: { show: true, left: 0, top: 0, width: 0, height: 0 },
    scales: {
      x: { time: true },
      y: {
        range: (_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.05 : 1],
      },
    },
    axes: [
      {
        ...axis,
        size: 28,
        // Labels with a date are twice as wide; uPlot's default spacing made them overlap.
        space: (_u, _axis, min, max) => (max - min > 86_400 ? 110 : 64),
        values: (_u, ticks) => timeTicks(ticks),
      },
      {
        ...axis,
        size: spec.unit ? 58 : 44,
        ...(spec.unit ? { label: spec.unit, labelSize: 14, labelFont: '11px sans-serif' } : {}),
        values: (_u, ticks) => ticks.map(shortNumber),
      },
    ],
    series: [
      {},
      ...spec.series.map(({ name, colour }) =>
        bars
          ? {
              label: name,
              fill: colour,
              stroke: colour,
              width: 0,
              paths: bars,
              points: { show: false },
            }
          : { label: name, stroke: colour, width: 1.5, points: { show: false } },
      ),
    ],
    hooks: {
      ready: [(u) => listenForClicks(u, spec.onPick)],
      setCursor: [
        (u) => {
          const index = u.cursor.idx;
          spec.onHover?.(index === null ? undefined : index, u.cursor.left ?? 0);
        },
      ],
      setSelect: [
        (u) => {
          if (u.select.width <= CLICK_SLOP_PX) return;
          const from = u.posToVal(u.select.left, 'x');
          const to = u.posToVal(u.select.left + u.select.width, 'x');
          u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          spec.onSelect(Math.floor(from * 1000), Math.ceil(to * 1000));
        },
      ],
    },
  };
}
