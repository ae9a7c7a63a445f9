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

const METRIC_PALETTE = [
  '#7eb26d',
  '#eab839',
  '#6ed0e0',
  '#ef843c',
  '#e24d42',
  '#1f78c1',
  '#ba43a9',
  '#705da0',
];

export function seriesColour(name: string, index: number): string {
  return LEVEL_COLOURS[name] ?? METRIC_PALETTE[index % METRIC_PALETTE.length] ?? '#8e8e8e';
}

/**
 * uPlot draws bars, not stacks: each series becomes the running sum of itself and the ones
 * before it, and the columns go highest first so the lower sums paint over them.
 */
export function stackedColumns(h: Histogram): { data: number[][]; names: string[] } {
  const xs = h.times.map((t) => t / 1000);
  const sums: number[][] = [];
  let running = h.times.map(() => 0);
  for (const s of h.series) {
    running = running.map((v, i) => v + (s.counts[i] ?? 0));
    sums.push(running);
  }
  const order = h.series.map((_, i) => i).reverse();
  return {
    data: [xs, ...order.map((i) => sums[i] ?? [])],
    names: order.map((i) => h.series[i]?.name ?? ''),
  };
}

export function totalCount(h: Histogram): number {
  return h.series.reduce((n, s) => n + s.counts.reduce((a, b) => a + b, 0), 0);
}
