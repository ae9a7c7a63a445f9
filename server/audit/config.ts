import { z } from 'zod';

export const AuditConfigSchema = z.strictObject({
  /** Query and saved-object audit lines on stdout; on by default, as most installations need them. */
  enabled: z.boolean().default(true),
});
export type AuditConfig = z.infer<typeof AuditConfigSchema>;
