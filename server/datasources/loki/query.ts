import { z } from 'zod';
import { LogsiftError, type LogRecord } from '../../../model';
import type { DatasourceQuery, DatasourceQueryResult } from '../datasource';
import { decodeCursor, encodeCursor } from '../paging';
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
}

/**
 * Asks Loki page by page until `limit` lines: each next page ends (backward) or starts
 * (forward) at the edge timestamp of the last, inclusive, because several entries can share
 * a nanosecond and one page may end between them; those already sent are skipped by id.
 */
export async function queryPaged(
  client: LokiClient,
  req: DatasourceQuery,
  opts: PageOptions,
  signal: AbortSignal,
): Promise<DatasourceQueryResult> {
  const started = performance.now();
  const backward = req.direction === 'backward';
  let edge = req.cursor ? decodeCursor(CursorSchema, req.cursor, req.direction) : undefined;
  let start = BigInt(req.fromMs) * NS_PER_MS;
  let end = BigInt(req.toMs) * NS_PER_MS;
  const records: LogRecord[] = [];
  const interner = new SetInterner();
  let scanned = 0;
  let exhausted = false;

  while (records.length < req.limit) {
    const seen = new Set(edge?.ids);
    if (edge) {
      if (backward) end = BigInt(edge.ts) + 1n;
      else start = BigInt(edge.ts);
    }
    if (start >= end) {
      exhausted = true;
      break;
    }
    const pageLimit = Math.min(opts.maxEntriesPerRequest, req.limit - records.length + seen.size);
    const params = {
      ...queryRangeParams(req, pageLimit),
      start: String(start),
      end: String(end),
    };
    const data = queryData(
      await client.getJson('query_range', params, signal, { text: req.query, offset: 0 }),
    );
    if (data.resultType !== 'streams') {
      throw new LogsiftError(
        'bad_query',
        'a log list needs a log query; a metric query like this one is drawn by the histogram',
        { from: 0, to: req.query.length },
      );
    }
    scanned += data.stats?.summary?.totalLinesProcessed ?? 0;
    const page = recordsOf(data.result, opts.source, interner);
    sortRecords(page, req.direction);
    const fresh = page.filter((r) => !seen.has(r.id));
    records.push(...fresh.slice(0, req.limit - records.length));
    const last = page.at(-1);
    if (page.length < pageLimit || !last) {
      exhausted = true;
      break;
    }
    if (fresh.length === 0) {
      // A whole page of one nanosecond: step past it rather than ask for the same page again.
      if (backward) end = BigInt(last.ts);
      else start = BigInt(last.ts) + 1n;
      edge = undefined;
      continue;
    }
    edge = { d: req.direction, ts: last.ts, ids: atEdge(records, last.ts) };
  }

  const tail = records.at(-1);
  const more = !exhausted && tail !== undefined;
  return {
    records,
    ...(more
      ? { cursor: encodeCursor({ d: req.direction, ts: tail.ts, ids: atEdge(records, tail.ts) }) }
      : {}),
    stats: {
      scanned,
      returned: records.length,
      tookMs: Math.round(performance.now() - started),
      truncated: more,
    },
  };
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
