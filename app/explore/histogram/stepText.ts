const UNITS: [string, number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
  ['ms', 1],
];

/** A step as Prometheus writes durations: 90 000 ms is "1m30s". */
export function formatDuration(ms: number): string {
  let rest = Math.round(ms);
  let out = '';
  for (const [unit, size] of UNITS) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out || '0s';
}

/** What one bar or one point stands for, in the chart's header. */
export function stepText(stepMs: number, metric: boolean): string {
  return metric ? `step ${formatDuration(stepMs)}` : `${formatDuration(stepMs)} buckets`;
}
