import { z } from 'zod';
import { AuditConfigSchema } from '../audit/config';
import { AuthSchema } from '../auth/config';
import { DashboardsConfigSchema, StorageConfigSchema } from '../store/config';
import { DatasourceConfigSchema } from './datasources';

export { DatasourceConfigSchema, type DatasourceConfig } from './datasources';

export const LimitsSchema = z.strictObject({
  maxLimit: z.number().int().positive().default(100_000),
  maxRangeHours: z.number().positive().default(721),
  maxConcurrentQueries: z.number().int().positive().default(32),
  /** Queries past maxConcurrentQueries wait for a slot within their deadline; more are refused. */
  maxQueuedQueries: z.number().int().nonnegative().default(1_000),
  maxTails: z.number().int().positive().default(50),
  queryTimeoutMs: z.number().int().positive().default(30_000),
  maxBodyBytes: z
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  /**
   * Requests per user (per client address without sign-in) in a window; health, metrics and
   * the UI's files are not counted.
   */
  rateLimit: z
    .strictObject({
      max: z.number().int().positive().default(600),
      windowMs: z.number().int().positive().default(60_000),
    })
    .prefault({}),
});

/** Slowloris and idle sockets: how long a connection may take to send, or stay silent. */
export const TimeoutsSchema = z.strictObject({
  /** All request headers must have arrived within this. */
  headersMs: z.number().int().positive().default(10_000),
  /** The whole request (headers and body) must have arrived within this. */
  requestMs: z.number().int().positive().default(30_000),
  /** A kept-alive connection with no request in flight is closed after this. */
  keepAliveMs: z.number().int().positive().default(65_000),
  /** A socket with no bytes either way is closed after this (never shorter than a query). */
  idleMs: z.number().int().positive().default(120_000),
});

export const LogsiftConfigSchema = z
  .strictObject({
    datasources: z.array(DatasourceConfigSchema).min(1),
    server: z
      .strictObject({
        basePath: z
          .string()
          .regex(/^(\/[A-Za-z0-9._~-]+)+$/, 'basePath must look like /logs (no trailing slash)')
          .optional(),
        limits: LimitsSchema.prefault({}),
        /**
         * Origins besides the one a request came to (its Host) whose pages may write and open
         * tails, e.g. https://logs.example.com when a proxy rewrites Host.
         */
        allowedOrigins: z
          .array(
            z.string().refine((s) => URL.canParse(s) && new URL(s).origin === s, {
              error: 'an origin looks like https://logs.example.com (no path, no trailing slash)',
            }),
          )
          .default([]),
        timeouts: TimeoutsSchema.prefault({}),
        /** SIGTERM: how long in-flight requests may run on before Logsift exits anyway. */
        shutdownGraceMs: z.number().int().nonnegative().default(10_000),
      })
      .prefault({}),
    auth: AuthSchema.prefault({}),
    storage: StorageConfigSchema.prefault({ kind: 'sqlite' }),
    dashboards: DashboardsConfigSchema.prefault({}),
    audit: AuditConfigSchema.prefault({}),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.datasources.forEach((ds, index) => {
      if (seen.has(ds.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['datasources', index, 'id'],
          message: `duplicate datasource id "${ds.id}"`,
        });
      }
      seen.add(ds.id);
    });
  });
export type LogsiftConfig = z.infer<typeof LogsiftConfigSchema>;
export type Limits = LogsiftConfig['server']['limits'];

/** No file at all: the embedded samples, so `npm start` shows something real. */
export const DEFAULT_CONFIG: LogsiftConfig = LogsiftConfigSchema.parse({
  datasources: [{ id: 'local', name: 'Local samples', kind: 'local' }],
});
