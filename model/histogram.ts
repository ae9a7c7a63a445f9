import { z } from 'zod';
import { SourceStatusSchema } from './sources';

/** The scan a backend bills by (CloudWatch Logs Insights: per GB), for one answer. */
export const ScanStatsSchema = z.object({
  recordsScanned: z.number(),
  bytesScanned: z.number(),
  /** Estimated price of the scan in US dollars, at the datasource's configured price per GB. */
  costUsd: z.number(),
  /** Answered from the cache of an identical earlier query: nothing new was scanned. */
  cached: z.boolean().optional(),
});
export type ScanStats = z.infer<typeof ScanStatsSchema>;

/** Columnar so uPlot can take it as is: times are epoch milliseconds of each bucket start. */
export const HistogramSchema = z.object({
  stepMs: z.number().int().positive(),
  times: z.array(z.number()),
  series: z.array(z.object({ name: z.string(), counts: z.array(z.number()) })),
  scan: ScanStatsSchema.optional(),
  /** Federated requests: each datasource's part, errors included. */
  sources: z.array(SourceStatusSchema).optional(),
});
export type Histogram = z.infer<typeof HistogramSchema>;

export const FacetSchema = z.object({
  field: z.string(),
  values: z.array(z.object({ value: z.string(), count: z.number() })),
  /** Count of records whose value is not among `values`. */
  other: z.number(),
  /** True when counted over a sample, not every matching record. */
  sampled: z.boolean(),
  /** How many records the sample held, when `sampled`: the UI says "counted on N lines". */
  sampleSize: z.number().int().nonnegative().optional(),
  /** What `count` counts: lines unless said; Loki's index volume counts bytes. */
  unit: z.enum(['lines', 'bytes']).optional(),
  scan: ScanStatsSchema.optional(),
});
export type Facet = z.infer<typeof FacetSchema>;

export const FieldInfoSchema = z.object({
  name: z.string(),
  type: z.enum(['label', 'field']),
});
export type FieldInfo = z.infer<typeof FieldInfoSchema>;
