import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { HTTP_STATUS, LogsiftError, type ApiError, type ApiErrorBody } from '../../model';

/**
 * Validates with the shared zod schema; a failure names every field that is wrong, and
 * `what` names the whole value when it is wrong as a whole (no body, a string, null).
 */
export function parseWith<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what = 'request body',
): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const message = result.error.issues
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : what}: ${i.message}`)
    .join('; ');
  throw new LogsiftError('bad_query', message);
}

/**
 * A LogsiftError whose answer carries more than `error`: the list of problems of a refused
 * dashboard, the object as it is now beside a conflict.
 */
export class DetailedError extends LogsiftError {
  readonly details: Record<string, unknown>;
  constructor(code: LogsiftError['code'], message: string, details: Record<string, unknown>) {
    super(code, message);
    this.details = details;
  }
}

/** An error as the API shows it where no status can carry it (a part of an answer, a stream's end). */
export function errorBody(error: unknown, request: FastifyRequest, where: string): ApiErrorBody {
  if (error instanceof LogsiftError) return error.toBody();
  request.log.error({ err: error }, `unexpected error ${where}`);
  return { code: 'internal', message: 'internal error; the server log has the details' };
}

function send(reply: FastifyReply, status: number, body: ApiError & Record<string, unknown>): void {
  void reply.code(status).type('application/json; charset=utf-8').send(body);
}

/** 404 in the API's shape, for any path no route serves. */
export function sendNotFound(request: FastifyRequest, reply: FastifyReply): void {
  const path = request.url.split('?')[0] ?? '/';
  send(reply, 404, {
    error: { code: 'not_found', message: `no route ${request.method} ${path}` },
  });
}

/** The one place errors become answers: LogsiftError by its code, framework errors by kind. */
export function handleError(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  if (error instanceof LogsiftError) {
    const details = error instanceof DetailedError ? error.details : {};
    send(reply, HTTP_STATUS[error.code], { error: error.toBody(), ...details });
    return;
  }
  const fastifyError = error as FastifyError;
  const code = fastifyError.code ?? '';
  if (code === 'ERR_STREAM_PREMATURE_CLOSE') {
    // The client left mid-answer (a new Run cancels the last one): nobody to answer.
    request.log.debug('client closed the connection before the answer ended');
    return;
  }
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fastifyError.statusCode === 413) {
    send(reply, 413, {
      error: { code: 'limit', message: 'the request body is larger than the limit' },
    });
    return;
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    // 400 rather than 415: the body is "not JSON" to the user, and bad_query answers 400 everywhere.
    send(reply, 400, {
      error: {
        code: 'bad_query',
        message: 'the request body must be JSON, sent with Content-Type: application/json',
      },
    });
    return;
  }
  if (
    code.startsWith('FST_ERR_CTP') ||
    (error instanceof SyntaxError && fastifyError.statusCode === 400)
  ) {
    send(reply, 400, {
      error: { code: 'bad_query', message: `the request body is not valid JSON: ${error.message}` },
    });
    return;
  }
  if (fastifyError.statusCode === 429) {
    send(reply, 429, { error: { code: 'limit', message: error.message } });
    return;
  }
  if (fastifyError.statusCode !== undefined && fastifyError.statusCode < 500) {
    send(reply, fastifyError.statusCode, { error: { code: 'bad_query', message: error.message } });
    return;
  }
  request.log.error({ err: error }, 'unexpected error');
  send(reply, 500, {
    error: { code: 'internal', message: 'internal error; the server log has the details' },
  });
}
