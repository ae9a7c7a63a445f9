import { LogsiftError, type Labels } from '../../model';
import type { LogQueryIR, MetricExpr, RangeAggregation, VectorAggregation } from '../ir';
import type {
  CompiledLogQuery,
  CompiledMetricQuery,
  MetricSampleSource,
  MetricSeries,
} from './types';

/** Loki's default max_query_series: beyond it a query needs a `by` clause. */
const MAX_SERIES = 500;

export function seriesKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(',');
}

function utf8Length(line: string): number {
  let bytes = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function stepTimes(fromMs: number, toMs: number, stepMs: number): number[] {
  const times: number[] = [];
  for (let t = Math.ceil(fromMs / stepMs) * stepMs; t <= toMs; t += stepMs) times.push(t);
  return times;
}

interface Samples {
  labels: Labels;
  ts: number[];
  weight: number[];
}

function evaluateRange(
  expr: RangeAggregation,
  log: CompiledLogQuery,
  source: MetricSampleSource,
  times: number[],
): MetricSeries[] {
  const bySeries = new Map<string, Samples>();
  const bytes = expr.op === 'bytes_over_time' || expr.op === 'bytes_rate';
  source.forEach((tsMs, line, streamLabels, seed) => {
    if (!log.matchesStream(streamLabels) || !log.testLine(line)) return;
    const entry = log.process(line, streamLabels, seed);
    if (!entry) return;
    const labels = { ...entry.labels, ...entry.fields };
    const key = seriesKey(labels);
    let samples = bySeries.get(key);
    if (!samples) {
      samples = { labels, ts: [], weight: [] };
      bySeries.set(key, samples);
    }
    samples.ts.push(tsMs);
    samples.weight.push(bytes ? utf8Length(entry.line) : 1);
  });
  const perSecond = expr.op === 'rate' || expr.op === 'bytes_rate' ? 1000 / expr.rangeMs : 1;
  const out: MetricSeries[] = [];
  for (const samples of bySeries.values()) {
    const order = samples.ts
      .map((_, i) => i)
      .sort((a, b) => (samples.ts[a] ?? 0) - (samples.ts[b] ?? 0));
    const ts = order.map((i) => samples.ts[i] ?? 0);
    const weight = order.map((i) => samples.weight[i] ?? 0);
    const values: number[] = [];
    // A window (t - range, t] slides right: two pointers keep it O(samples + steps).
    let lo = 0;
    let hi = 0;
    let sum = 0;
    for (const t of times) {
      while (hi < ts.length && (ts[hi] ?? 0) <= t) sum += weight[hi++] ?? 0;
      while (lo < hi && (ts[lo] ?? 0) <= t - expr.rangeMs) sum -= weight[lo++] ?? 0;
      values.push(hi > lo ? sum * perSecond : Number.NaN);
    }
    out.push({ labels: samples.labels, times, values });
  }
  return out;
}

function groupLabels(labels: Labels, grouping: VectorAggregation['grouping']): Labels {
  if (!grouping) return {};
  const out: Labels = {};
  for (const name in labels) {
    const listed = grouping.labels.includes(name);
    if (grouping.mode === 'by' ? listed : !listed) out[name] = labels[name] ?? '';
  }
  return out;
}

function aggregate(op: VectorAggregation['op'], values: number[]): number {
  const present = values.filter((v) => !Number.isNaN(v));
  if (present.length === 0) return Number.NaN;
  switch (op) {
    case 'sum':
      return present.reduce((a, b) => a + b, 0);
    case 'avg':
      return present.reduce((a, b) => a + b, 0) / present.length;
    case 'min':
      return Math.min(...present);
    case 'max':
      return Math.max(...present);
    default:
      return present.length;
  }
}

function evaluateVector(
  expr: VectorAggregation,
  inner: MetricSeries[],
  times: number[],
): MetricSeries[] {
  if (expr.op === 'topk' || expr.op === 'bottomk') return selectK(expr, inner, times);
  const groups = new Map<string, { labels: Labels; members: MetricSeries[] }>();
  for (const series of inner) {
    const labels = groupLabels(series.labels, expr.grouping);
    const key = seriesKey(labels);
    const group = groups.get(key) ?? { labels, members: [] };
    group.members.push(series);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ labels, members }) => ({
    labels,
    times,
    values: times.map((_, i) =>
      aggregate(
        expr.op,
        members.map((m) => m.values[i] ?? Number.NaN),
      ),
    ),
  }));
}

/** topk/bottomk pick per step, per group; a series absent from a step's pick has no point there. */
function selectK(expr: VectorAggregation, inner: MetricSeries[], times: number[]): MetricSeries[] {
  const k = expr.param ?? 1;
  const kept = inner.map((s) => ({ ...s, values: s.values.map(() => Number.NaN) }));
  const groups = new Map<string, number[]>();
  inner.forEach((s, index) => {
    const key = seriesKey(groupLabels(s.labels, expr.grouping));
    groups.set(key, [...(groups.get(key) ?? []), index]);
  });
  const sign = expr.op === 'topk' ? -1 : 1;
  times.forEach((_, step) => {
    for (const members of groups.values()) {
      const ranked = members
        .filter((i) => !Number.isNaN(inner[i]?.values[step] ?? Number.NaN))
        .sort((a, b) => sign * ((inner[a]?.values[step] ?? 0) - (inner[b]?.values[step] ?? 0)));
      for (const i of ranked.slice(0, k)) {
        const target = kept[i];
        if (target) target.values[step] = inner[i]?.values[step] ?? Number.NaN;
      }
    }
  });
  return kept.filter((s) => s.values.some((v) => !Number.isNaN(v)));
}

function innermostRange(expr: MetricExpr): RangeAggregation {
  return expr.kind === 'range' ? expr : innermostRange(expr.inner);
}

export function compileMetric(
  expr: MetricExpr,
  compileLog: (ir: LogQueryIR) => CompiledLogQuery,
): CompiledMetricQuery {
  const range = innermostRange(expr);
  const log = compileLog(range.log);
  const run = (e: MetricExpr, source: MetricSampleSource, times: number[]): MetricSeries[] =>
    e.kind === 'range'
      ? evaluateRange(e, log, source, times)
      : evaluateVector(e, run(e.inner, source, times), times);
  return {
    kind: 'metric',
    log,
    rangeMs: range.rangeMs,
    evaluate(source, fromMs, toMs, stepMs) {
      const series = run(expr, source, stepTimes(fromMs, toMs, stepMs));
      // Like Loki's max_query_series, the limit is on the answer, not on the series a
      // `sum by` folds together: a parser may make a series per line before it.
      const answered = series.filter((s) => s.values.some((v) => !Number.isNaN(v))).length;
      if (answered > MAX_SERIES) {
        throw new LogsiftError(
          'limit',
          `the query makes more than ${MAX_SERIES} series: aggregate with sum by (…) to fewer labels`,
          expr.pos,
        );
      }
      return series;
    },
  };
}
