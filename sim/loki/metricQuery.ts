import { LogsiftError, type Labels } from '../../model';
import type { CompiledMetricQuery, MetricSeries } from '../../query';
import { streamRanges } from '../../server/datasources/local/scan';
import type { SimDatabase, TenantView } from './database';
import { formatGoFloat } from './goFormat';
import { LokiHttpError } from './httpError';
import type { ScanCounts } from './logQuery';
import { sortedLabels } from './logQuery';

/** Prometheus' sample pair: float seconds and the value as Go prints it. */
export type SamplePair = [number, string];

/** Loki's default max_query_series, as the engine enforces it. */
const MAX_SERIES = 500;

/** Evaluates at each step from `fromMs` to `toMs`; every line in reach gets its metadata seed. */
export function evaluateMetric(
  db: SimDatabase,
  view: TenantView,
  query: CompiledMetricQuery,
  fromMs: number,
  toMs: number,
  stepMs: number,
  counts: ScanCounts,
): MetricSeries[] {
  const source = {
    forEach(visit: (tsMs: number, line: string, labels: Labels, seed?: Labels) => void) {
      for (const store of view.stores) {
        for (const { stream, start, end } of streamRanges(
          store,
          query.log,
          fromMs - query.rangeMs,
          toMs,
        )) {
          for (let i = start; i < end; i++) {
            const line = stream.lines[i] ?? '';
            counts.lines++;
            counts.bytes += Buffer.byteLength(line);
            const seed = db.seed(stream, stream.seqs[i] ?? i, stream.levels[i] ?? 0);
            visit(stream.ms[i] ?? 0, line, stream.labels, seed);
          }
        }
      }
    },
  };
  try {
    return query.evaluate(source, fromMs, toMs, stepMs);
  } catch (error) {
    if (error instanceof LogsiftError && error.code === 'limit') {
      throw new LokiHttpError(
        400,
        `maximum number of series (${MAX_SERIES}) reached for a single query; consider reducing query cardinality by adding more specific stream selectors, reducing the time range, or aggregating results with functions like sum(), count() or topk()`,
      );
    }
    throw error;
  }
}

function byLabels(a: { metric: Labels }, b: { metric: Labels }): number {
  return JSON.stringify(a.metric).localeCompare(JSON.stringify(b.metric));
}

/** `matrix`: steps without a value are left out, and so are series with none at all. */
export function toMatrix(series: MetricSeries[]): { metric: Labels; values: SamplePair[] }[] {
  return series
    .map((s) => ({
      metric: sortedLabels(s.labels),
      values: s.times.flatMap((t, i): SamplePair[] => {
        const v = s.values[i] ?? Number.NaN;
        return Number.isNaN(v) ? [] : [[t / 1000, formatGoFloat(v)]];
      }),
    }))
    .filter((s) => s.values.length > 0)
    .sort(byLabels);
}

/** `vector`: one sample per series at the query's time. */
export function toVector(series: MetricSeries[]): { metric: Labels; value: SamplePair }[] {
  return toMatrix(series).flatMap((s) => {
    const last = s.values.at(-1);
    return last ? [{ metric: s.metric, value: last }] : [];
  });
}
