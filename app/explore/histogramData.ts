import type { Histogram } from '../../model';

export const LEVEL_COLOURS: Record<string, string> = {
  fatal: '#b877d9',
  error: '#f2495c',
  warn: '#ff9830',
  info: '#73bf69',
  debug: '#5794f2',
  trace: '#8e8e8e',
  unknown: '#6e7178',
};

/** Series that are not levels (datasources of a federated search, metric series). */
const PALETTE = [
  '#7eb26d',
  '#eab839',
  '#6ed0e0',
  '#ef843c',
  '#e24d42',
  '#1f78c1',
  '#ba43a9',
  '#705da0',
  '#508642',
  '#cca300',
  '#447ebc',
  '#c15c17',
  '#890f02',
  '#0a437c',
  '#6d1f62',
  '#584477',
];

/** A metric series split by level alone, `{level="error"}`, keeps the level's colour. */
const LEVEL_ONLY = /^\{(?:detected_)?level="(\w+)"\}$/;

/** By level when the name is one, else by the series' place in the answer, so it stays put. */
export function seriesColour(name: string, index: number): string {
  const level = LEVEL_COLOURS[name] ?? LEVEL_COLOURS[LEVEL_ONLY.exec(name)?.[1] ?? ''];
  return level ?? PALETTE[index % PALETTE.length] ?? '#8e8e8e';
}

export interface PlotSeries {
  name: string;
  colour: string;
}

export interface PlotData {
  /** uPlot's columns: x in seconds, then one column per drawn series. */
  data: number[][];
  series: PlotSeries[];
}

function colours(h: Histogram): Map<string, string> {
  return new Map(h.series.map((s, i) => [s.name, seriesColour(s.name, i)]));
}

/**
 * uPlot draws bars, not stacks: each shown series becomes the running sum of itself and the
 * shown ones before it, and the columns go highest first so the lower sums paint over them.
 */
export function stackedColumns(h: Histogram, hidden: readonly string[] = []): PlotData {
  const colour = colours(h);
  const shown = h.series.filter((s) => !hidden.includes(s.name));
  const sums: number[][] = [];
  let running = h.times.map(() => 0);
  for (const s of shown) {
    running = running.map((v, i) => v + (s.counts[i] ?? 0));
    sums.push(running);
  }
  const order = shown.map((_, i) => i).reverse();
  return {
    data: [h.times.map((t) => t / 1000), ...order.map((i) => sums[i] ?? [])],
    series: order.map((i) => {
      const name = shown[i]?.name ?? '';
      return { name, colour: colour.get(name) ?? '#8e8e8e' };
    }),
  };
}

/** A metric query's series as lines, each its own values, in the answer's order. */
export function lineColumns(h: Histogram, hidden: readonly string[] = []): PlotData {
  const colour = colours(h);
  const shown = h.series.filter((s) => !hidden.includes(s.name));
  return {
    data: [h.times.map((t) => t / 1000), ...shown.map((s) => s.counts)],
    series: shown.map((s) => ({ name: s.name, colour: colour.get(s.name) ?? '#8e8e8e' })),
  };
}

export function totalCount(h: Histogram, hidden: readonly string[] = []): number {
  return h.series
    .filter((s) => !hidden.includes(s.name))
    .reduce((n, s) => n + s.counts.reduce((a, b) => a + b, 0), 0);
}

/** The time range of the bucket at `index`: what a click on its bar zooms to. */
export function bucketRange(h: Histogram, index: number): [number, number] | undefined {
  const start = h.times[index];
  return start === undefined ? undefined : [start, start + h.stepMs];
}
