import { z } from 'zod';
import { insightsFieldMap } from '../../../query';
import { httpUrl } from '../http/schema';

const UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/** Bytes as a number or as people write them: `10 GB` (10^10), `500MiB` (500 × 2^20). */
const BytesSchema = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .regex(/^\s*\d+(\.\d+)?\s*([kmgt]i?)?b\s*$/i, 'a size such as 10 GB or 500 MiB')
    .transform((text) => {
      const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i.exec(text);
      return Math.round(Number(m?.[1]) * (UNITS[(m?.[2] ?? 'b').toLowerCase()] ?? 1));
    }),
]);

/** Log group names as AWS allows them: letters, digits and `_-/.#`, at most 512. */
const LogGroupNameSchema = z
  .string()
  .regex(/^[.\-_/#A-Za-z0-9]{1,512}$/, 'a log group name (letters, digits and _-/.#)');

const FieldNameSchema = z.string().min(1).max(256);

export const CloudWatchDatasourceConfigSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'id must match [A-Za-z0-9_-]{1,64}'),
  name: z.string().max(200).optional(),
  kind: z.literal('cloudwatch'),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as us-east-1'),
  /** Another address for the CloudWatch Logs API (a VPC endpoint, or the simulator in tests). */
  endpoint: httpUrl.optional(),
  /** A shared-config profile; without it the default chain (env, IRSA, Pod Identity, IMDS). */
  profile: z.string().min(1).optional(),
  /** A role to assume with the credentials found, e.g. one per account read. */
  role: z
    .strictObject({
      arn: z.string().regex(/^arn:aws[\w-]*:iam::\d{12}:role\/.+$/, 'an IAM role ARN'),
      sessionName: z
        .string()
        .regex(/^[\w+=,.@-]{2,64}$/)
        .default('logsift'),
      externalId: z.string().min(2).max(1224).optional(),
    })
    .optional(),
  /** Searched when a query names none; StartQuery takes at most 50. */
  logGroups: z.array(LogGroupNameSchema).min(1).max(50),
  /** Where the level is, when the logs have one (`level`, `log_processed.level`). */
  levelField: FieldNameSchema.optional(),
  /**
   * The line inside a JSON `@message`: Fluent Bit ships each container line as `log` beside
   * its Kubernetes metadata. Rows without it show `@message` whole.
   */
  messageField: FieldNameSchema.default('log'),
  /**
   * Normalized Kubernetes field → the Insights field it is read from, over Container
   * Insights' (Fluent Bit's) defaults: `kubernetes.namespace_name`, `kubernetes.pod_name`, …
   */
  fields: z
    .strictObject({
      namespace: FieldNameSchema.optional(),
      pod: FieldNameSchema.optional(),
      container: FieldNameSchema.optional(),
      host: FieldNameSchema.optional(),
      node: FieldNameSchema.optional(),
      app: FieldNameSchema.optional(),
    })
    .optional(),
  timeoutMs: z.number().int().positive().max(600_000).default(30_000),
  limits: z
    .strictObject({
      /** Rows one answer may hold: GetQueryResults returns at most 10,000. */
      maxLines: z.number().int().positive().max(10_000).default(10_000),
      maxRangeHours: z
        .number()
        .positive()
        .default(24 * 31),
      /** This datasource's share of the account's 30 concurrent Insights queries. */
      maxConcurrentQueries: z.number().int().positive().max(30).default(10),
      /**
       * How long one query may run before Logsift stops it (over the server's deadline):
       * Insights queries over weeks take minutes; CloudWatch itself gives up at 60.
       */
      queryTimeoutMs: z.number().int().positive().max(3_600_000).default(600_000),
    })
    .prefault({}),
  poll: z
    .strictObject({
      /** First wait between GetQueryResults calls; Logsift adds at most this much early on. */
      initialMs: z.number().int().min(1).max(500).default(250),
      /** Each wait is this much longer than the one before, up to `maxMs`. */
      factor: z.number().min(1).max(4).default(1.5),
      maxMs: z.number().int().min(1).max(10_000).default(2_000),
    })
    .prefault({}),
  /** Throttled or over the account's concurrency: tried again this often, waits doubling. */
  retry: z
    .strictObject({
      attempts: z.number().int().min(0).max(10).default(4),
      initialMs: z.number().int().min(1).max(10_000).default(500),
    })
    .prefault({}),
  cost: z
    .strictObject({
      /** USD per GB (2^30 bytes, as AWS bills) scanned; the us-east-1 list price. */
      pricePerGb: z.number().nonnegative().default(0.005),
    })
    .prefault({}),
  budget: z
    .strictObject({
      /** A running query is stopped once it has scanned this much (default 10 GiB). */
      perQueryBytes: BytesSchema.default(10 * 2 ** 30),
      /** What one user's queries may scan in a UTC day; later ones are refused (100 GiB). */
      perUserPerDayBytes: BytesSchema.default(100 * 2 ** 30),
    })
    .prefault({}),
  cache: z
    .strictObject({
      /** Identical queries over identical absolute ranges are answered from memory this long. */
      ttlMs: z.number().int().nonnegative().default(300_000),
      maxEntries: z.number().int().nonnegative().default(200),
    })
    .prefault({}),
  tail: z
    .strictObject({
      /** live: StartLiveTail; poll: FilterLogEvents; auto: live, polling where it is missing. */
      mode: z.enum(['auto', 'live', 'poll']).default('auto'),
      pollIntervalMs: z.number().int().min(100).max(60_000).default(2_000),
    })
    .prefault({}),
});
export type CloudWatchDatasourceConfig = z.infer<typeof CloudWatchDatasourceConfigSchema>;

/** Normalized field name → the Insights field it is read from. */
export function fieldMapOf(config: CloudWatchDatasourceConfig): Record<string, string> {
  return insightsFieldMap(config.fields);
}
