import { formatGoDuration } from './goFormat';
import { ERR_INSTANT_LOG_QUERY, LokiHttpError } from './httpError';
import { compileQuery, type SimQuery } from './logql';
import { selectEntries, toStreams, type ScanCounts } from './logQuery';
import { evaluateMetric, toMatrix, toVector } from './metricQuery';
import {
  defaultStepMs,
  msToNanos,
  NS_PER_MS,
  parseLokiTime,
  parseSecondsOrDuration,
  readBounds,
  readDirection,
  readLimit,
  type Bounds,
} from './params';
import { wantsCategorizedLabels, type Reply, type Route, type SimRequest } from './route';
import { queryStats } from './stats';

const HOUR_MS = 3_600_000;
/** Loki's guard against tiny steps over long ranges. */
const MAX_POINTS = 11_000n;

function checkEntriesLimit(req: SimRequest, query: SimQuery, limit: number): void {
  const max = req.options.maxEntriesLimitPerQuery;
  // The entries limit is a log-query limit: metric queries ignore `limit`.
  if (query.kind === 'log' && max > 0 && limit > max) {
    throw new LokiHttpError(
      400,
      `max entries limit per query exceeded, limit > max_entries_limit_per_query (${limit} > ${max})`,
    );
  }
}

export function checkQueryLength(req: SimRequest, bounds: Bounds): void {
  const limit = BigInt(req.options.maxQueryLengthHours) * 3_600_000_000_000n;
  const length = bounds.end - bounds.start;
  if (limit > 0n && length > limit) {
    throw new LokiHttpError(
      400,
      `the query time range exceeds the limit (query length: ${formatGoDuration(length)}, limit: ${formatGoDuration(limit)})`,
    );
  }
}

function queryText(req: SimRequest): string {
  return req.params.get('query') ?? '';
}

function answer(resultType: string, result: unknown, stats: unknown, flags: boolean): Reply {
  const data = flags
    ? { encodingFlags: ['categorize-labels'], resultType, result, stats }
    : { resultType, result, stats };
  return { status: 200, json: { status: 'success', data } };
}

export const queryRange: Route = (req) => {
  const started = performance.now();
  const bounds = readBounds(req.params, req.nowMs, HOUR_MS);
  if (bounds.end < bounds.start) {
    throw new LokiHttpError(400, 'end timestamp must not be before or equal to start time');
  }
  const limit = readLimit(req.params);
  const direction = readDirection(req.params);
  const stepParam = req.params.get('step');
  const stepMs = stepParam ? parseSecondsOrDuration(stepParam) : defaultStepMs(bounds);
  if (stepMs <= 0) {
    throw new LokiHttpError(
      400,
      'zero or negative query resolution step widths are not accepted. Try a positive integer',
    );
  }
  const stepNs = BigInt(Math.round(stepMs * 1e6));
  if ((bounds.end - bounds.start) / stepNs > MAX_POINTS) {
    throw new LokiHttpError(
      400,
      'exceeded maximum resolution of 11,000 points per time series. Try increasing the value of the step parameter',
    );
  }
  const query = compileQuery(queryText(req));
  checkEntriesLimit(req, query, limit);
  checkQueryLength(req, bounds);
  const counts: ScanCounts = { lines: 0, bytes: 0 };
  if (query.kind === 'log') {
    const entries = selectEntries(req.db, req.view, query.log, bounds, limit, direction, counts);
    const categorized = wantsCategorizedLabels(req);
    const stats = queryStats(counts, entries.length, started);
    return answer('streams', toStreams(entries, categorized), stats, categorized);
  }
  // The query frontend aligns start and end to the step, so points fall on its multiples.
  const startMs = Number(bounds.start / NS_PER_MS);
  const endMs = Number(bounds.end / NS_PER_MS);
  const fromMs = Math.floor(startMs / stepMs) * stepMs;
  const toMs = Math.floor(endMs / stepMs) * stepMs;
  const series = evaluateMetric(req.db, req.view, query.metric, fromMs, toMs, stepMs, counts);
  const matrix = toMatrix(series);
  return answer('matrix', matrix, queryStats(counts, matrix.length, started), false);
};

export const instantQuery: Route = (req) => {
  const started = performance.now();
  readLimit(req.params);
  const time = parseLokiTime(req.params.get('time'), msToNanos(req.nowMs));
  readDirection(req.params);
  const query = compileQuery(queryText(req));
  if (query.kind === 'log') throw new LokiHttpError(400, ERR_INSTANT_LOG_QUERY);
  const counts: ScanCounts = { lines: 0, bytes: 0 };
  const atMs = Number(time / NS_PER_MS);
  const series = evaluateMetric(req.db, req.view, query.metric, atMs, atMs, 1, counts);
  const vector = toVector(series);
  return answer('vector', vector, queryStats(counts, vector.length, started), false);
};
