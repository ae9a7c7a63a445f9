import { z } from 'zod';
import { ApiErrorBodySchema } from './errors';

/**
 * How one datasource of a federated request fared: the answers of the others stay when one
 * fails, and the UI shows its error beside them.
 */
export const SourceStatusSchema = z.object({
  datasource: z.string(),
  /** Records (or series, or fields) this source gave before merging. */
  returned: z.number().optional(),
  tookMs: z.number().optional(),
  /** The query as this source ran it, when it was translated from the request's language. */
  query: z.object({ language: z.string(), query: z.string() }).optional(),
  error: ApiErrorBodySchema.optional(),
});
export type SourceStatus = z.infer<typeof SourceStatusSchema>;
