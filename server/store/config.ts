import { z } from 'zod';

/**
 * Where saved objects live. SQLite needs nothing but a writable directory; PostgreSQL is for
 * several replicas behind one Service. The password never sits in the file itself.
 */
export const StorageConfigSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('sqlite'),
    /** Holds `logsift.db` (and its WAL); created when missing. */
    dataDir: z.string().min(1).default('./data'),
  }),
  z.strictObject({
    kind: z.literal('postgres'),
    /** `postgres://user@host:5432/db`; a password in it is refused, use passwordEnv/passwordFile. */
    url: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'url must start with postgres://')
      .refine((u) => !/^postgres(ql)?:\/\/[^/@]*:[^/@]*@/.test(u), {
        message: 'no password in url: use passwordEnv or passwordFile',
      }),
    passwordEnv: z.string().min(1).optional(),
    passwordFile: z.string().min(1).optional(),
    poolSize: z.number().int().min(1).max(100).default(10),
    connectTimeoutMs: z.number().int().positive().default(3_000),
    statementTimeoutMs: z.number().int().positive().default(10_000),
  }),
]);
export type StorageConfig = z.infer<typeof StorageConfigSchema>;

export const DashboardsConfigSchema = z.strictObject({
  /** Auto-refresh faster than this is refused: a wall of panels polls every backend at once. */
  minRefreshSeconds: z.number().positive().default(10),
});
