import { z } from 'zod';

/** A secret is never written in the config itself: it comes from the environment or a file. */
const SecretSchema = z
  .strictObject({ env: z.string().min(1).optional(), file: z.string().min(1).optional() })
  .refine((s) => (s.env === undefined) !== (s.file === undefined), {
    error: 'give exactly one of env or file',
  });
export type Secret = z.infer<typeof SecretSchema>;

const AuthSchema = z.union([
  z.strictObject({
    basic: z.strictObject({ username: z.string().min(1), password: SecretSchema }),
  }),
  z.strictObject({ bearer: SecretSchema }),
]);

const TlsSchema = z
  .strictObject({
    caFile: z.string().min(1).optional(),
    certFile: z.string().min(1).optional(),
    keyFile: z.string().min(1).optional(),
    /** Named so that nobody sets it by accident; it shows in the logs at start. */
    insecureSkipVerify: z.boolean().optional(),
  })
  .refine((t) => (t.certFile === undefined) === (t.keyFile === undefined), {
    error: 'a client certificate needs both certFile and keyFile',
  });

/** Headers Logsift sets itself; a config that sets them would fight the adapter. */
const RESERVED = new Set(['x-scope-orgid', 'authorization', 'host', 'content-length']);

export const LokiDatasourceConfigSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'id must match [A-Za-z0-9_-]{1,64}'),
  name: z.string().max(200).optional(),
  kind: z.literal('loki'),
  url: z.url({ protocol: /^https?$/, error: 'url must be an http:// or https:// address' }),
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
  tail: z.strictObject({ delayForSeconds: z.number().int().min(0).max(5).default(2) }).prefault({}),
});
export type LokiDatasourceConfig = z.infer<typeof LokiDatasourceConfigSchema>;
