import { LogsiftError, type LogRecord, type QueryProgress, type QueryStats } from '../../../model';
import type { DatasourceQuery, DatasourceQueryResult } from '../datasource';
import { answerScan } from './budget';
import { logQueryText, type LogQueryText } from './insightsText';
import type { InsightsText } from './language';
import type {
  InsightsAnswer,
  InsightsProgress,
  InsightsRunner,
  InsightsSpec,
} from './insightsRunner';
import { recordsOfRows, tableOfRows, type InsightsRow, type RecordShape } from './records';

/**
 * StartQuery's range covering [fromMs, toMs): whole seconds, both inclusive, the end second
 * with all its milliseconds. What it covers beyond the range is dropped from log rows.
 */
export function rangeOf(req: { fromMs: number; toMs: number }): {
  startTime: number;
  endTime: number;
} {
  const startTime = Math.floor(req.fromMs / 1000);
  return { startTime, endTime: Math.max(startTime, Math.ceil(req.toMs / 1000) - 1) };
}

export interface LogQueryContext {
  runner: InsightsRunner;
  shape: RecordShape;
  pricePerGb: number;
  maxLines: number;
  now: () => number;
}

export interface PreparedLogQuery {
  built: LogQueryText;
  spec: InsightsSpec;
  /** Written from another language: CloudWatch's error positions do not point into the user's. */
  translated: boolean;
}

export function prepareLogQuery(
  ctx: Pick<LogQueryContext, 'shape' | 'maxLines'>,
  req: DatasourceQuery,
  insights: InsightsText,
  logGroupNames: string[],
): PreparedLogQuery {
  const limit = Math.min(req.limit, ctx.maxLines);
  const extraFields = [
    ...Object.values(ctx.shape.fieldMap),
    ...(ctx.shape.levelField ? [ctx.shape.levelField] : []),
    ...(ctx.shape.messageField ? [ctx.shape.messageField] : []),
  ];
  const built = logQueryText(insights.text, { limit, direction: req.direction, extraFields });
  return {
    built,
    spec: { queryString: built.text, logGroupNames, ...rangeOf(req), limit },
    translated: insights.translated,
  };
}

function statsOf(
  ctx: LogQueryContext,
  answer: Pick<InsightsAnswer, 'statistics' | 'cached'>,
  returned: number,
  truncated: boolean,
  tookMs: number,
): QueryStats {
  const scan = answerScan(answer, ctx.pricePerGb);
  return {
    scanned: scan.recordsScanned,
    returned,
    tookMs,
    truncated,
    ...(answer.statistics?.recordsMatched !== undefined
      ? { total: answer.statistics.recordsMatched }
      : {}),
    scan,
  };
}

/**
 * Rows as the user asked for them: log lines newest (or oldest) first when Logsift chose
 * the order, in CloudWatch's order when the query has its own `sort`; a table for `stats`.
 */
function answerOf(
  ctx: LogQueryContext,
  req: DatasourceQuery,
  p: PreparedLogQuery,
  rows: InsightsRow[],
): { records: LogRecord[]; columns?: string[] } {
  // A query whose own `fields` or `display` leave out @timestamp has no log lines to show:
  // its rows are a table, as the console shows them.
  const timeless = rows.some((row) => !row.some((f) => f.field === '@timestamp'));
  if (p.built.table || timeless) return tableOfRows(rows, ctx.shape.source, req.toMs);
  const records = recordsOfRows(rows, ctx.shape, req);
  // Rows of a running query come in no order; a complete one's are sorted already.
  if (p.built.ordered) {
    const sign = req.direction === 'backward' ? -1 : 1;
    records.sort((a, b) => sign * compareNanos(a.ts, b.ts));
  }
  return { records };
}

/** Decimal nanosecond strings without leading zeros: longer is later, else by text. */
function compareNanos(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export async function runLogQuery(
  ctx: LogQueryContext,
  req: DatasourceQuery,
  p: PreparedLogQuery,
  signal: AbortSignal,
): Promise<DatasourceQueryResult> {
  if (req.cursor !== undefined) {
    throw new LogsiftError(
      'bad_query',
      'cursor: CloudWatch Logs Insights answers in one piece (at most 10,000 rows); narrow the range to see older lines',
    );
  }
  const started = ctx.now();
  const onProgress = req.onProgress;
  const progress =
    onProgress &&
    ((p2: InsightsProgress) => {
      if (p2.state === 'queued') return onProgress(p2);
      const { records, columns } = answerOf(ctx, req, p, p2.rows);
      const stats = statsOf(ctx, p2, records.length, false, ctx.now() - started);
      const running: QueryProgress = {
        state: 'running',
        records,
        stats: columns ? { ...stats, columns } : stats,
      };
      onProgress(running);
    });
  const answer = await ctx.runner.run(p.spec, {
    signal,
    ...(req.user !== undefined ? { user: req.user } : {}),
    ...(progress ? { onProgress: progress } : {}),
    ...(p.translated ? {} : { userText: { offset: p.built.offset, length: p.built.userLength } }),
  });
  const { records, columns } = answerOf(ctx, req, p, answer.rows);
  const stats = statsOf(
    ctx,
    answer,
    records.length,
    answer.rows.length >= p.spec.limit,
    ctx.now() - started,
  );
  return { records, stats: columns ? { ...stats, columns } : stats };
}
