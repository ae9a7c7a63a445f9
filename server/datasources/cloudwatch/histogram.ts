import type { Histogram } from '../../../model';
import { levelFromName } from '../../logs/detectLevel';
import type { HistogramQuery } from '../datasource';
import { answerScan } from './budget';
import { COUNT, countingBase, histogramText, LEVEL } from './insightsText';
import type { InsightsRunner, InsightsSpec } from './insightsRunner';
import { rangeOf } from './query';
import { nanosOfInsightsTime, valuesOf } from './records';

/** GetQueryResults' most rows: buckets × levels beyond it are cut off. */
const MAX_ROWS = 10_000;

/** Bucket starts from the one holding `fromMs` to the one holding `toMs - 1`. */
export function bucketStarts(fromMs: number, toMs: number, stepMs: number): number[] {
  const times: number[] = [];
  for (let t = Math.floor(fromMs / stepMs) * stepMs; t < toMs; t += stepMs) times.push(t);
  return times;
}

/** The counting query, or undefined for a `stats` query, whose table has no histogram. */
export function histogramSpec(
  req: HistogramQuery,
  insights: string,
  logGroupNames: string[],
  levelField: string | undefined,
): InsightsSpec | undefined {
  const base = countingBase(insights);
  if (base === undefined) return undefined;
  return {
    queryString: histogramText(base, req.stepMs, levelField),
    logGroupNames,
    ...rangeOf(req),
    limit: MAX_ROWS,
  };
}

/**
 * Lines per level and step by `stats count(*) by bin(step)` (and the level field when there
 * is one), every bucket present and zero where CloudWatch has no row: a chart with gaps
 * would lie. The scan it cost rides along.
 */
export async function cloudWatchHistogram(
  runner: InsightsRunner,
  req: HistogramQuery,
  spec: InsightsSpec | undefined,
  pricePerGb: number,
  signal: AbortSignal,
): Promise<Histogram> {
  const times = bucketStarts(req.fromMs, req.toMs, req.stepMs);
  if (!spec) return { stepMs: req.stepMs, times, series: [] };
  const answer = await runner.run(spec, {
    signal,
    ...(req.user !== undefined ? { user: req.user } : {}),
  });
  const at = new Map(times.map((t, i) => [t, i]));
  const series = new Map<string, number[]>();
  for (const row of answer.rows) {
    const values = valuesOf(row);
    const bin = Object.keys(values).find((k) => k.startsWith('bin('));
    const ns = bin === undefined ? undefined : nanosOfInsightsTime(values[bin] ?? '');
    const i = ns === undefined ? undefined : at.get(Number(BigInt(ns) / 1_000_000n));
    if (i === undefined) continue;
    const name = levelFromName(values[LEVEL] ?? '') ?? 'unknown';
    let counts = series.get(name);
    if (!counts) series.set(name, (counts = new Array<number>(times.length).fill(0)));
    counts[i] = (counts[i] ?? 0) + Number(values[COUNT] ?? 0);
  }
  return {
    stepMs: req.stepMs,
    times,
    series: [...series].map(([name, counts]) => ({ name, counts })),
    scan: answerScan(answer, pricePerGb),
  };
}
