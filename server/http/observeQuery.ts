import type { FastifyRequest } from 'fastify';
import { LogsiftError, type ErrorCode } from '../../model';
import type { QueryOutcome } from '../audit/audit';
import type { Datasource, ResolvedQuery } from '../datasources/datasource';
import type { ServerContext } from './context';

/** What a call asked, for its audit line; calls that are not a query (fields, targets) have none. */
export type Asked = Pick<ResolvedQuery, 'language' | 'query' | 'fromMs' | 'toMs' | 'user'>;

/** What an answer holds, as far as it says: log lines, rows of any kind, bytes a backend scanned. */
export interface AnswerSize {
  lines?: number;
  rows?: number;
  bytesScanned?: number;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** `scan.bytesScanned` of an answer or its stats, when the backend reported one. */
export function scanned(value: unknown): number | undefined {
  const bytes = isObject(value) && isObject(value['scan']) ? value['scan']['bytesScanned'] : NaN;
  return typeof bytes === 'number' && Number.isFinite(bytes) ? bytes : undefined;
}

/**
 * The size of any datasource answer by its shape (query result, context, histogram, facets,
 * lists), so the runner measures every call in one place whatever the route.
 */
export function answerSize(value: unknown): AnswerSize {
  if (Array.isArray(value)) {
    const bytes = value.map(scanned).filter((b) => b !== undefined);
    return {
      rows: value.length,
      ...(bytes.length > 0 ? { bytesScanned: bytes.reduce((a, b) => a + b, 0) } : {}),
    };
  }
  if (!isObject(value)) return {};
  if (Array.isArray(value['records'])) {
    const lines = value['records'].length;
    const bytes = scanned(value['stats']);
    return { lines, rows: lines, ...(bytes === undefined ? {} : { bytesScanned: bytes }) };
  }
  if (Array.isArray(value['before']) && Array.isArray(value['after'])) {
    const lines = value['before'].length + value['after'].length;
    return { lines, rows: lines };
  }
  if (Array.isArray(value['times'])) {
    const bytes = scanned(value);
    return { rows: value['times'].length, ...(bytes === undefined ? {} : { bytesScanned: bytes }) };
  }
  return { rows: 1 };
}

const codeOf = (error: unknown): ErrorCode =>
  error instanceof LogsiftError ? error.code : 'internal';

/**
 * One datasource call, counted and audited once it ends: the clock starts here, the first of
 * answered/failed/cancelled is the outcome.
 */
export function observeQuery(
  ctx: ServerContext,
  request: FastifyRequest,
  ds: Datasource,
  op: string,
  asked: Asked | undefined,
) {
  const started = performance.now();
  const stopTimer = ctx.metrics.datasourceDuration.startTimer({ datasource: ds.id, op });
  let done = false;
  const finish = (outcome: QueryOutcome, size: AnswerSize, errorCode?: ErrorCode): void => {
    if (done) return;
    done = true;
    stopTimer();
    const { metrics } = ctx;
    metrics.queries.inc({ datasource: ds.id, op, outcome });
    if (errorCode) metrics.queryErrors.inc({ datasource: ds.id, op, code: errorCode });
    if (size.lines) metrics.linesReturned.inc({ datasource: ds.id }, size.lines);
    if (size.bytesScanned) metrics.bytesScanned.inc({ datasource: ds.id }, size.bytesScanned);
    ctx.audit.query({
      user: asked?.user ?? request.principal.id,
      requestId: request.id,
      route: request.routeOptions.url ?? request.url,
      datasource: ds.id,
      op,
      ...(asked
        ? {
            language: asked.language,
            query: asked.query,
            fromMs: asked.fromMs,
            toMs: asked.toMs,
          }
        : {}),
      durationMs: Math.round(performance.now() - started),
      ...(size.rows === undefined ? {} : { rows: size.rows }),
      ...(size.bytesScanned === undefined ? {} : { bytesScanned: size.bytesScanned }),
      outcome,
      ...(errorCode ? { errorCode } : {}),
    });
  };
  return {
    answered: (size: AnswerSize) => finish('ok', size),
    failed: (error: unknown, size: AnswerSize = {}) => finish('error', size, codeOf(error)),
    cancelled: (size: AnswerSize = {}) => finish('cancelled', size),
  };
}
export type ObservedQuery = ReturnType<typeof observeQuery>;
