import { z } from 'zod';
import { LogsiftError, type LogRecord } from '../../../model';
import type { DatasourceQuery, DatasourceQueryResult, QueryPages } from '../datasource';
import { collectPages, decodeCursor, encodeCursor, readAhead, type PageRead } from '../paging';
import { SetInterner } from '../setInterner';
import type { LokiClient, Params } from './client';
import { compareNs, recordsOf, sortRecords } from './normalize';
import { queryData } from './wire';

const NS_PER_MS = 1_000_000n;

/** Where the next page starts: the edge timestamp and the entries already sent at it. */
const CursorSchema = z.strictObject({
  d: z.enum(['backward', 'forward']),
  ts: z.string().regex(/^\d{1,20}$/),
  ids: z.array(z.string()).max(100_000),
});
type Edge = z.infer<typeof CursorSchema>;

export function queryRangeParams(
  req: Pick<DatasourceQuery, 'query' | 'fromMs' | 'toMs' | 'direction'>,
  limit: number,
): Params {
  return {
    query: req.query,
    start: String(BigInt(req.fromMs) * NS_PER_MS),
    end: String(BigInt(req.toMs) * NS_PER_MS),
    limit: String(limit),
    direction: req.direction,
  };
}

export interface PageOptions {
  maxEntriesPerRequest: number;
  source: string;
  /**
   * Loki's indexed label names over a range (its /labels), asked once per answer and only
   * when Loki sends it uncategorized (Loki 2.9 ignores categorize-labels).
   */
  indexedLabels: (
    range: { fromMs: number; toMs: number },
    signal: AbortSignal,
  ) => Promise<ReadonlySet<string>>;
}

/** One query_range in flight: the most lines it asks for, the ids it may repeat, its answer. */
interface PageFetch {
  limit: number;
  seen: Set<string>;
  answer: Promise<{ json: unknown; text: string }>;
}

/**
 * Asks Loki page by page until `limit` lines, handing each page on as it is read. Each next
 * page ends (backward) or starts (forward) at the edge timestamp of the last, inclusive,
 * because several entries can share a nanosecond and one page may end between them; those
 * already sent are skipped by id. The next request leaves before this page is sent on, so
 * Loki works on it while the BFF encodes this one, and only one page is held at a time.
 */
export async function queryPages(
  client: LokiClient,
  req: DatasourceQuery,
  opts: PageOptions,
  signal: AbortSignal,
): Promise<QueryPages> {
  const started = performance.now();
  const backward = req.direction === 'backward';
  let edge: Edge | undefined = req.cursor
    ? decodeCursor(CursorSchema, req.cursor, req.direction)
    : undefined;
  let start = BigInt(req.fromMs) * NS_PER_MS;
  let end = BigInt(req.toMs) * NS_PER_MS;
  const interner = new SetInterner();
  let scanned = 0;
  let sent = 0;
  let exhausted = false;
  const warnings: string[] = [];
  let labelNames: Promise<ReadonlySet<string> | undefined> | undefined;

  const fetchPage = (): PageFetch | undefined => {
    const seen = new Set(edge?.ids);
    if (edge) {
      if (backward) end = BigInt(edge.ts) + 1n;
      else start = BigInt(edge.ts);
    }
    if (start >= end) {
      exhausted = true;
      return undefined;
    }
    const limit = Math.min(opts.maxEntriesPerRequest, req.limit - sent + seen.size);
    const params = { ...queryRangeParams(req, limit), start: String(start), end: String(end) };
    const answer = client.getJsonText('query_range', params, signal, {
      text: req.query,
      offset: 0,
    });
    // Settled here so a page left unawaited (the reader went away) is no unhandled rejection.
    answer.catch(() => undefined);
    return { limit, seen, answer };
  };

  /** This page's new records; moves the edge past them and says whether to ask again. */
  const read = async (page: PageFetch): Promise<PageRead<LogRecord[]>> => {
    const { json, text } = await page.answer;
    const data = queryData(json);
    if (data.resultType !== 'streams') {
      throw new LogsiftError(
        'bad_query',
        'a log list needs a log query; a metric query like this one is drawn by the histogram',
        { from: 0, to: req.query.length },
      );
    }
    scanned += data.stats?.summary?.totalLinesProcessed ?? 0;
    for (const w of data.warnings ?? []) if (!warnings.includes(w)) warnings.push(w);
    const indexed = data.encodingFlags?.includes('categorize-labels')
      ? undefined
      : await (labelNames ??= indexedOf(opts, req, signal));
    const all = recordsOf(data.result, opts.source, interner, indexed, text);
    sortRecords(all, req.direction);
    const fresh = (page.seen.size > 0 ? all.filter((r) => !page.seen.has(r.id)) : all).slice(
      0,
      req.limit - sent,
    );
    sent += fresh.length;
    const tail = fresh.at(-1);
    if (tail) {
      const carried = edge?.ts === tail.ts ? edge.ids : [];
      edge = { d: req.direction, ts: tail.ts, ids: [...carried, ...atEdge(fresh, tail.ts)] };
    }
    const last = all.at(-1);
    if (all.length < page.limit || !last) {
      exhausted = true;
      return { page: fresh, more: false };
    }
    if (sent >= req.limit) return { page: fresh, more: false };
    if (!tail) {
      // A whole page of one nanosecond: step past it rather than ask for the same page again.
      if (backward) end = BigInt(last.ts);
      else start = BigInt(last.ts) + 1n;
      edge = undefined;
    }
    return { page: fresh, more: true };
  };

  const firstFetch = fetchPage();
  const first = firstFetch ? await read(firstFetch) : { page: [], more: false };
  const next = first.more ? fetchPage() : undefined;

  return {
    pages: readAhead(
      first.page,
      next,
      {
        read,
        fetch: fetchPage,
        records: (page) => page,
        stopped: (reason) =>
          warnings.push(`stopped after ${sent} lines: ${reason}; load more to go on`),
      },
      signal,
    ),
    end() {
      const at = sent > 0 && !exhausted ? edge : undefined;
      return {
        ...(at ? { cursor: encodeCursor(at) } : {}),
        stats: {
          scanned,
          returned: sent,
          tookMs: Math.round(performance.now() - started),
          truncated: at !== undefined,
          ...(warnings.length > 0 ? { warnings } : {}),
        },
      };
    },
  };
}

/** The whole answer at once, for callers that need every record (context, federation). */
export async function queryPaged(
  client: LokiClient,
  req: DatasourceQuery,
  opts: PageOptions,
  signal: AbortSignal,
): Promise<DatasourceQueryResult> {
  return collectPages(await queryPages(client, req, opts, signal));
}

/**
 * Which stream labels are indexed, for an uncategorized answer; when Loki will not say (an
 * error, or no labels in its window) every stream label stays a label, as Loki sent it.
 */
async function indexedOf(
  opts: PageOptions,
  range: { fromMs: number; toMs: number },
  signal: AbortSignal,
): Promise<ReadonlySet<string> | undefined> {
  const names = await opts
    .indexedLabels({ fromMs: range.fromMs, toMs: range.toMs }, signal)
    .catch(() => undefined);
  return names && names.size > 0 ? names : undefined;
}

/** Ids of the records at the edge timestamp, which sit at the end of the sorted list. */
function atEdge(records: LogRecord[], ts: string): string[] {
  const ids: string[] = [];
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i];
    if (!r || compareNs(r.ts, ts) !== 0) break;
    ids.push(r.id);
  }
  return ids;
}
