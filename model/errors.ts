import { z } from 'zod';

export const ERROR_CODES = [
  'bad_query',
  'unsupported',
  'unauthorized',
  'forbidden',
  'not_found',
  'timeout',
  'limit',
  'backend_unavailable',
  'conflict',
  'storage_unavailable',
  'internal',
] as const;
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_query: 400,
  unsupported: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  timeout: 504,
  limit: 400,
  backend_unavailable: 502,
  /** A write based on a version someone else has since replaced (saved objects). */
  conflict: 409,
  /** Logsift's own database for saved objects does not answer; Explore still works. */
  storage_unavailable: 503,
  internal: 500,
};

/** Character offsets into the query text, `to` exclusive, as CodeMirror ranges are. */
export const PositionSchema = z.object({ from: z.number().int(), to: z.number().int() });
export type Position = z.infer<typeof PositionSchema>;

export const ApiErrorBodySchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  position: PositionSchema.optional(),
  backend: z.object({ status: z.number(), excerpt: z.string() }).optional(),
});
export type BackendExcerpt = NonNullable<z.infer<typeof ApiErrorBodySchema>['backend']>;
export type ApiErrorBody = z.infer<typeof ApiErrorBodySchema>;

export const ApiErrorSchema = z.object({ error: ApiErrorBodySchema });
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** Thrown anywhere on the server or in query/; the HTTP layer turns it into ApiError. */
export class LogsiftError extends Error {
  readonly code: ErrorCode;
  readonly position: Position | undefined;
  /** What the backend answered, when the error is its; shown so users see its own words. */
  readonly backend: BackendExcerpt | undefined;
  constructor(code: ErrorCode, message: string, position?: Position, backend?: BackendExcerpt) {
    super(message);
    this.name = 'LogsiftError';
    this.code = code;
    this.position = position;
    this.backend = backend;
  }
  toBody(): ApiErrorBody {
    return {
      code: this.code,
      message: this.message,
      ...(this.position ? { position: this.position } : {}),
      ...(this.backend ? { backend: this.backend } : {}),
    };
  }
}
