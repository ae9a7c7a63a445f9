import {
  DEFAULT_LIMIT,
  LogsiftError,
  resolveRange,
  type Principal,
  type QueryRequest,
} from '../../model';
import type { ResolvedQuery } from '../datasources/datasource';
import type { ServerContext } from './context';

/** The datasources a request names, each once. */
export function datasourceIds(req: QueryRequest): string[] {
  return Array.isArray(req.datasource) ? [...new Set(req.datasource)] : [req.datasource];
}

/**
 * The request with its time range resolved and its limit checked against the server's; it
 * names who asks, so per-user budgets (CloudWatch's daily scan) are each user's own.
 */
export function resolveQuery(
  ctx: ServerContext,
  req: QueryRequest,
  principal: Principal,
): ResolvedQuery & { limit: number } {
  const { fromMs, toMs } = resolveRange(
    req.from,
    req.to,
    ctx.now(),
    ctx.limits.maxRangeHours * 3_600_000,
  );
  const limit = req.limit ?? DEFAULT_LIMIT;
  if (limit > ctx.limits.maxLimit) {
    throw new LogsiftError(
      'limit',
      `limit: ${limit} is over the maximum of ${ctx.limits.maxLimit}`,
    );
  }
  return {
    language: req.language,
    query: req.query,
    fromMs,
    toMs,
    limit,
    user: principal.id,
    ...(req.target ? { target: req.target } : {}),
    ...(req.targets ? { targets: req.targets } : {}),
  };
}
