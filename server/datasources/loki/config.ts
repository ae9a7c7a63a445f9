import { z } from 'zod';
import { httpUrl, SecretSchema, TlsSchema } from '../http/schema';

const AuthSchema = z.union([
  z.strictObject({
    basic: z.strictObject({ username: z.string().min(1), password: SecretSchema }),
  }),
  z.strictObject({ bearer: SecretSchema }),
]);

/** Headers Logsift sets itself; a config that sets them would fight the adapter. */
const RESERVED = new Set(['x-scope-orgid', 'authorization', 'host', 'content-length']);

export const LokiDatasourceConfigSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'id must match [A-Za-z0-9_-]{1,64}'),
  name: z.string().max(200).optional(),
  kind: z.literal('loki'),
  url: httpUrl,
  /** Sent as X-Scope-OrgID; `a|b` queries several tenants at once. */
  tenant: z
    .string()
    .regex(/^[A-Za-z0-9!._*'()-]+(\|[A-Za-z0-9!._*'()-]+)*$/, 'tenant ids joined by |')
    .optional(),
  auth: AuthSchema.optional(),
  tls: TlsSchema.optional(),
  headers: z
    .record(z.string().regex(/^[A-Za-z0-9-]+$/, 'a header name'), z.string())
    .refine((h) => Object.keys(h).every((k) => !RESERVED.has(k.toLowerCase())), {
      error: 'X-Scope-OrgID and Authorization come from tenant and auth, not headers',
    })
    .optional(),
  timeoutMs: z.number().int().positive().max(600_000).default(30_000),
  limits: z
    .strictObject({
      /** Most lines one answer may hold. */
      maxLines: z.number().int().positive().max(1_000_000).default(100_000),
      maxRangeHours: z.number().positive().default(721),
      /** Loki's max_entries_limit_per_query: larger answers are fetched in pages of this. */
      maxEntriesPerRequest: z.number().int().positive().default(5_000),
    })
    .prefault({}),
  tail: z
    .strictObject({
      delayForSeconds: z.number().int().min(0).max(5).default(2),
      /**
       * Most lines fetched with query_range after the tail was cut off (Loki down, a proxy
       * dropping the socket); the rest of a longer gap is counted as dropped.
       */
      catchUpLines: z.number().int().min(1).max(1_000_000).default(50_000),
    })
    .prefault({}),
});
export type LokiDatasourceConfig = z.infer<typeof LokiDatasourceConfigSchema>;
