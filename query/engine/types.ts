import type { Labels } from '../../model';

/** What survives a log pipeline: `labels` are the stream's, `fields` what stages added. */
export interface ProcessedEntry {
  line: string;
  labels: Labels;
  fields: Labels;
}

/** A LogQL log query made executable by the local engine (query/engine/compileLogQuery.ts). */
export interface CompiledLogQuery {
  readonly kind: 'log';
  matchesStream(labels: Labels): boolean;
  /** Line filters that stand before any parser, on the raw line; false drops the line. */
  testLine(line: string): boolean;
  /**
   * The whole pipeline, to call only when testLine passed; null drops the entry. `seed`
   * fields are there before the first stage, as Loki's structured metadata such as
   * `detected_level` is, so label filters can test them.
   */
  process(line: string, streamLabels: Labels, seed?: Labels): ProcessedEntry | null;
  /** True when process() can only return the line, labels and seed unchanged. */
  readonly filtersOnly: boolean;
}

/** One entry handed to a metric evaluation, in any order; `seed` as in process(). */
export interface MetricSampleSource {
  forEach(visit: (tsMs: number, line: string, labels: Labels, seed?: Labels) => void): void;
}

export interface MetricSeries {
  labels: Labels;
  /** Epoch milliseconds of each step, ascending; `values` aligned with it. */
  times: number[];
  values: number[];
}

export interface CompiledMetricQuery {
  readonly kind: 'metric';
  /** The log query inside the range aggregation: selects what feeds `evaluate`. */
  readonly log: CompiledLogQuery;
  /** How far back each step looks, so callers fetch [fromMs - rangeMs, toMs]. */
  readonly rangeMs: number;
  evaluate(
    source: MetricSampleSource,
    fromMs: number,
    toMs: number,
    stepMs: number,
  ): MetricSeries[];
}

export type CompiledQuery = CompiledLogQuery | CompiledMetricQuery;
