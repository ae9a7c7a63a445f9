import { LEVELS, LogsiftError, type Histogram } from '../../../model';
import type { CompiledLogQuery, CompiledMetricQuery } from '../../../query';
import { levelSeed } from './records';
import { checkAbort, type StreamRange } from './scan';

/** A guard for callers that skip the HTTP layer's own limit: memory grows with buckets. */
const MAX_BUCKETS = 100_000;

export function bucketTimes(fromMs: number, toMs: number, stepMs: number): number[] {
  const first = Math.floor(fromMs / stepMs) * stepMs;
  if ((toMs - first) / stepMs >= MAX_BUCKETS) {
    throw new LogsiftError(
      'limit',
      `a step of ${stepMs} ms over this range makes more than ${MAX_BUCKETS} buckets`,
    );
  }
  const times: number[] = [];
  for (let t = first; t <= toMs; t += stepMs) times.push(t);
  return times;
}

/** Counts per step split by level: the hot loop reads only the time and level columns. */
export function logHistogram(
  query: CompiledLogQuery,
  ranges: StreamRange[],
  fromMs: number,
  toMs: number,
  stepMs: number,
  signal: AbortSignal,
): Histogram {
  const times = bucketTimes(fromMs, toMs, stepMs);
  const first = times[0] ?? fromMs;
  const counts = LEVELS.map(() => new Float64Array(times.length));
  let scanned = 0;
  for (const { stream, start, end } of ranges) {
    const { ms, levels, lines } = stream;
    if (query.filtersOnly) {
      for (let i = start; i < end; i++) {
        if ((++scanned & 0x3fff) === 0) checkAbort(signal, 0);
        if (!query.testLine(lines[i] ?? '')) continue;
        const bucket = Math.floor(((ms[i] ?? 0) - first) / stepMs);
        const row = counts[levels[i] ?? 0];
        if (row) row[bucket] = (row[bucket] ?? 0) + 1;
      }
      continue;
    }
    for (let i = start; i < end; i++) {
      checkAbort(signal, ++scanned);
      const line = lines[i] ?? '';
      if (!query.testLine(line)) continue;
      if (!query.process(line, stream.labels, levelSeed(levels[i] ?? 0))) continue;
      const bucket = Math.floor(((ms[i] ?? 0) - first) / stepMs);
      const row = counts[levels[i] ?? 0];
      if (row) row[bucket] = (row[bucket] ?? 0) + 1;
    }
  }
  const series = LEVELS.flatMap((name, i) => {
    const row = counts[i];
    return row && row.some((c) => c > 0) ? [{ name, counts: Array.from(row) }] : [];
  });
  return { stepMs, times, series };
}

function seriesName(labels: Record<string, string>): string {
  const inner = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(', ');
  return `{${inner}}`;
}

/** A metric query draws its own series; missing points count as 0 in a bar chart. */
export function metricHistogram(
  query: CompiledMetricQuery,
  ranges: StreamRange[],
  fromMs: number,
  toMs: number,
  stepMs: number,
  signal: AbortSignal,
): Histogram {
  let scanned = 0;
  const source = {
    forEach(visit: (tsMs: number, line: string, labels: Record<string, string>) => void) {
      for (const { stream, start, end } of ranges) {
        for (let i = start; i < end; i++) {
          checkAbort(signal, ++scanned);
          visit(stream.ms[i] ?? 0, stream.lines[i] ?? '', stream.labels);
        }
      }
    },
  };
  const series = query.evaluate(source, fromMs, toMs, stepMs);
  const times = series[0]?.times ?? bucketTimes(fromMs, toMs, stepMs);
  return {
    stepMs,
    times,
    series: series.map((s) => ({
      name: seriesName(s.labels),
      counts: s.values.map((v) => (Number.isNaN(v) ? 0 : v)),
    })),
  };
}
