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
