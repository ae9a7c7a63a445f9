import { z } from 'zod';

export const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'unknown'] as const;
export const LevelSchema = z.enum(LEVELS);
export type Level = z.infer<typeof LevelSchema>;

export const LabelsSchema = z.record(z.string(), z.string());
export type Labels = z.infer<typeof LabelsSchema>;

export const LogRecordSchema = z.object({
  /** Stable across queries: lets the UI keep selection and dedupe merged answers. */
  id: z.string(),
  /** Epoch nanoseconds as a decimal string: numbers lose precision past 2^53. */
  ts: z.string().regex(/^\d+$/),
  line: z.string(),
  labels: LabelsSchema,
  fields: LabelsSchema,
  level: LevelSchema,
  source: z.string(),
});
export type LogRecord = z.infer<typeof LogRecordSchema>;
