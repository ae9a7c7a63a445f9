import { z } from 'zod';
import { FacetSchema, ScanStatsSchema } from './histogram';
import { LogRecordSchema } from './logRecord';
import { SETS_SHAPES } from './sharedSets';
import { ApiErrorBodySchema } from './errors';
import { SourceStatusSchema } from './sources';

export const LANGUAGES = ['logql', 'kql', 'lucene', 'insights'] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;

export const DATASOURCE_KINDS = ['local', 'loki', 'elasticsearch', 'cloudwatch'] as const;
export const DatasourceKindSchema = z.enum(DATASOURCE_KINDS);
export type DatasourceKind = z.infer<typeof DatasourceKindSchema>;

/** Largest query text accepted; beyond it the answer is 413-like `limit`. */
export const MAX_QUERY_CHARS = 64 * 1024;
export const DEFAULT_LIMIT = 1000;

/** Epoch milliseconds, or Grafana-style relative time such as `now-15m`; see timeRange.ts. */
export const TimeSchema = z.union([z.number().finite(), z.string().min(1).max(64)]);

const DatasourceIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'datasource id must match [A-Za-z0-9_-]{1,64}');

export const QueryRequestSchema = z.strictObject({
  datasource: z.union([DatasourceIdSchema, z.array(DatasourceIdSchema).min(1).max(16)]),
  language: LanguageSchema,
  query: z.string().max(MAX_QUERY_CHARS),
  from: TimeSchema,
  to: TimeSchema,
  limit: z.number().int().positive().optional(),
  direction: z.enum(['backward', 'forward']).optional(),
  /** Backend cursors carry the ids already sent at the page edge: many when lines tie. */
  cursor: z.string().max(65_536).optional(),
  /** `shared`: each label and field set written once, then by its index (see sharedSets.ts). */
  sets: z.enum(SETS_SHAPES).optional(),
  /** One index, alias or data stream inside the datasource's pattern (see /targets). */
  target: z
    .string()
    .regex(/^[^\s/\\?#,"<>|]{1,255}$/, 'one index, alias or data stream name')
    .optional(),
  /** Several targets at once where the datasource searches a list (CloudWatch log groups). */
  targets: z
    .array(z.string().regex(/^[.\-_/#A-Za-z0-9]{1,512}$/, 'a log group name'))
    .min(1)
    .max(50)
    .optional(),
});
export type QueryRequest = z.infer<typeof QueryRequestSchema>;

export const HistogramRequestSchema = QueryRequestSchema.extend({
  step: z.number().int().positive().optional(),
});
export type HistogramRequest = z.infer<typeof HistogramRequestSchema>;

/** The log query's requests and the chart's, at the step the chart asks for. */
export const ExplainRequestSchema = HistogramRequestSchema;
export type ExplainRequest = z.infer<typeof ExplainRequestSchema>;

export const FacetsRequestSchema = QueryRequestSchema.extend({
  fields: z.array(z.string().max(256)).max(50).optional(),
  /** Top values per field ("more values on demand"); the datasource's default when absent. */
  size: z.number().int().positive().max(500).optional(),
});
export type FacetsRequest = z.infer<typeof FacetsRequestSchema>;

export const QueryStatsSchema = z.object({
  /** Lines the engine looked at, before filters. */
  scanned: z.number(),
  returned: z.number(),
  tookMs: z.number(),
  truncated: z.boolean(),
  /** Every matching record, counted exactly by the backend, when it counts (Elasticsearch). */
  total: z.number().optional(),
  /** Partial answers: failed shards, timeouts; shown beside the results. */
  warnings: z.array(z.string()).optional(),
  /** What a backend billed per byte scanned (CloudWatch Logs Insights) charged for the answer. */
  scan: ScanStatsSchema.optional(),
  /**
   * Set when the answer is a table rather than log lines (an Insights `stats` query): its
   * column names in order. Each record's `fields` hold one row; the UI shows them as a table.
   */
  columns: z.array(z.string()).optional(),
  /** Federated requests: each datasource's part, errors included. */
  sources: z.array(SourceStatusSchema).optional(),
});
export type QueryStats = z.infer<typeof QueryStatsSchema>;

/**
 * What a query does before its answer is complete: waiting its turn for one of the
 * backend's query slots, then running with the rows found so far.
 */
export const QueryProgressSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('queued'), position: z.number().int().positive() }),
  z.object({
    state: z.literal('running'),
    records: z.array(LogRecordSchema),
    stats: QueryStatsSchema,
  }),
]);
export type QueryProgress = z.infer<typeof QueryProgressSchema>;

export const QueryResponseSchema = z.object({
  records: z.array(LogRecordSchema),
  cursor: z.string().optional(),
  stats: QueryStatsSchema,
});
export type QueryResponse = z.infer<typeof QueryResponseSchema>;

export const FacetsResponseSchema = z.object({
  facets: z.array(FacetSchema),
  /** Federated requests: each datasource's part, errors included. */
  sources: z.array(SourceStatusSchema).optional(),
});
export type FacetsResponse = z.infer<typeof FacetsResponseSchema>;

export const CapabilitiesSchema = z.object({
  tail: z.boolean(),
  histogram: z.boolean(),
  facets: z.boolean(),
  explain: z.boolean(),
  /** Whether a query may name several targets (`targets`) rather than one (`target`). */
  manyTargets: z.boolean().optional(),
  /** Whether a query reports progress worth showing (queue place, rows so far) when asked. */
  progress: z.boolean().optional(),
  /** Whether one record can be fetched in full (GET /datasources/:id/records/:record). */
  record: z.boolean().optional(),
  /** Whether the lines around a record in its own stream can be read (POST /context). */
  context: z.boolean().optional(),
});
export type Capabilities = z.infer<typeof CapabilitiesSchema>;

export const DatasourceInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: DatasourceKindSchema,
  languages: z.array(LanguageSchema),
  capabilities: CapabilitiesSchema,
});
export type DatasourceInfo = z.infer<typeof DatasourceInfoSchema>;

export const FieldsQuerySchema = z.strictObject({
  /** The language of `query`; the datasource's first when absent. */
  language: LanguageSchema.optional(),
  from: TimeSchema.optional(),
  to: TimeSchema.optional(),
  query: z.string().max(MAX_QUERY_CHARS).optional(),
});
export const ValuesQuerySchema = FieldsQuerySchema.extend({ field: z.string().min(1).max(256) });

export const TranslateRequestSchema = z.strictObject({
  language: LanguageSchema,
  query: z.string().max(MAX_QUERY_CHARS),
  to: LanguageSchema,
});
export type TranslateRequest = z.infer<typeof TranslateRequestSchema>;

/** A request a datasource would send to its backend; `params` keep their order for display. */
export const NativeRequestSchema = z.object({
  method: z.string(),
  url: z.string(),
  params: z.record(z.string(), z.string()).optional(),
  /** Headers that choose the operation (AWS JSON: `X-Amz-Target`); never credentials. */
  headers: z.record(z.string(), z.string()).optional(),
  body: z.unknown().optional(),
});
export type NativeRequest = z.infer<typeof NativeRequestSchema>;

export const ExplainedRequestSchema = NativeRequestSchema.extend({ datasource: z.string() });
export type ExplainedRequest = z.infer<typeof ExplainedRequestSchema>;

export const ExplainResponseSchema = z.object({ requests: z.array(ExplainedRequestSchema) });
export type ExplainResponse = z.infer<typeof ExplainResponseSchema>;

export const TailStartSchema = z.strictObject({
  datasource: DatasourceIdSchema,
  language: LanguageSchema,
  query: z.string().max(MAX_QUERY_CHARS),
});
export type TailStart = z.infer<typeof TailStartSchema>;

export const TailMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('records'),
    records: z.array(LogRecordSchema),
    /** The backend sent a sample of these seconds' lines, not all (CloudWatch Live Tail). */
    sampled: z.boolean().optional(),
    /** How the tail runs when it is not the usual way (a fallback); shown beside it. */
    warnings: z.array(z.string()).optional(),
  }),
  z.object({ type: z.literal('dropped'), count: z.number() }),
  z.object({ type: z.literal('error'), error: ApiErrorBodySchema }),
]);
export type TailMessage = z.infer<typeof TailMessageSchema>;

/** The record whose neighbours are asked for: what the list row already holds. */
export const ContextRequestSchema = z.strictObject({
  datasource: DatasourceIdSchema,
  record: z.object({
    id: z.string().max(4096),
    ts: z.string().regex(/^\d{1,25}$/),
    labels: z.record(z.string().max(1024), z.string().max(65_536)),
    fields: z.record(z.string().max(1024), z.string().max(65_536)).optional(),
  }),
  before: z.number().int().min(0).max(500).optional(),
  after: z.number().int().min(0).max(500).optional(),
});
export type ContextRequest = z.infer<typeof ContextRequestSchema>;

/** Lines of the same stream around a record, each list oldest first, the record excluded. */
export const ContextResponseSchema = z.object({
  before: z.array(LogRecordSchema),
  after: z.array(LogRecordSchema),
});
export type ContextResponse = z.infer<typeof ContextResponseSchema>;

export const DOWNLOAD_FORMATS = ['log', 'ndjson', 'csv'] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];
