import type { Histogram } from '../../../model';
import { logqlShape } from '../../../query';
import { levelFromName } from '../../logs/detectLevel';
import type { HistogramQuery, NativeRequest } from '../datasource';
import type { LokiClient, Params } from './client';
import { queryData, sampleValue, type LokiLabels, type LokiSeries } from './wire';

const NS_PER_MS = 1_000_000n;

/** A duration Loki parses: whole seconds when they are, else milliseconds. */
function duration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/**
 * Lines per level and step. Both `detected_level` (Loki 3 adds it) and `level` (a stream
 * label or parsed) are grouped on, whichever a line has; `drop __error__` keeps lines that a
 * parser failed on counted instead of failing the whole metric query.
 */
export function levelCountQuery(query: string, stepMs: number): { text: string; offset: number } {
  const prefix = 'sum by (detected_level, level) (count_over_time(';
  return {
    text: `${prefix}${query} | drop __error__, __error_details__ [${duration(stepMs)}]))`,
    offset: prefix.length,
  };
}

/** Bucket starts from the one holding `fromMs` to the one holding `toMs - 1`. */
function bucketStarts(fromMs: number, toMs: number, stepMs: number): number[] {
  const times: number[] = [];
  for (let t = Math.floor(fromMs / stepMs) * stepMs; t < toMs; t += stepMs) times.push(t);
  return times;
}

function histogramParams(query: string, times: number[], stepMs: number): Params {
  // Loki evaluates at start, start+step, …, each point counting the step before it: so the
  // points are the bucket ends, and a bucket's count sits at its start + step.
  const first = times[0] ?? 0;
  const last = times.at(-1) ?? first;
  return {
    query,
    start: String(BigInt(first + stepMs) * NS_PER_MS),
    end: String(BigInt(last + stepMs) * NS_PER_MS),
    step: duration(stepMs),
  };
}

export function histogramRequest(client: LokiClient, req: HistogramQuery): NativeRequest {
  const shape = logqlShape(req.query);
  const text = shape.kind === 'metric' ? req.query : levelCountQuery(req.query, req.stepMs).text;
  const times = bucketStarts(req.fromMs, req.toMs, req.stepMs);
  return {
    method: 'GET',
    url: client.url('query_range').toString(),
    params: histogramParams(text, times, req.stepMs),
  };
}

function labelsName(metric: LokiLabels): string {
  const pairs = Object.entries(metric).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return pairs.length ? `{${pairs.join(', ')}}` : 'value';
}

/**
 * Every bucket present, zero where Loki has no point: a chart with gaps would lie. Points
 * go to the nearest bucket, as a Loki behind a query frontend may shift them slightly.
 */
function fill(series: LokiSeries, times: number[], stepMs: number): number[] {
  const first = times[0] ?? 0;
  const counts = new Array<number>(times.length).fill(0);
  for (const [seconds, text] of series.values) {
    const i = Math.round((seconds * 1000 - stepMs - first) / stepMs);
    const value = sampleValue(text);
    // JSON has no NaN or infinity; a chart bar cannot show them either.
    if (i >= 0 && i < counts.length && Number.isFinite(value)) counts[i] = (counts[i] ?? 0) + value;
  }
  return counts;
}

export async function lokiHistogram(
  client: LokiClient,
  req: HistogramQuery,
  signal: AbortSignal,
): Promise<Histogram> {
  const metric = logqlShape(req.query).kind === 'metric';
  const wrapped = metric ? { text: req.query, offset: 0 } : levelCountQuery(req.query, req.stepMs);
  const times = bucketStarts(req.fromMs, req.toMs, req.stepMs);
  const params = histogramParams(wrapped.text, times, req.stepMs);
  const data = queryData(await client.getJson('query_range', params, signal, wrapped), 'matrix');
  if (data.resultType !== 'matrix') {
    return { stepMs: req.stepMs, times, series: [] };
  }
  const series = new Map<string, number[]>();
  for (const s of data.result) {
    const name = metric
      ? labelsName(s.metric)
      : (levelFromName(s.metric.detected_level ?? s.metric.level ?? '') ?? 'unknown');
    const counts = fill(s, times, req.stepMs);
    const sum = series.get(name);
    series.set(name, sum ? sum.map((c, i) => c + (counts[i] ?? 0)) : counts);
  }
  return {
    stepMs: req.stepMs,
    times,
    series: [...series].map(([name, counts]) => ({ name, counts })),
  };
}
