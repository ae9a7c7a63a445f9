import { LogsiftError, type LogRecord } from '../../../model';
import { encodeCursor } from '../paging';
import type { LokiClient } from './client';
import { countQuery } from './facets';
import { queryPaged, type PageOptions } from './query';
import { queryData, sampleValue } from './wire';

const NS_PER_MS = 1_000_000n;

/** Where a tail stopped: the newest nanosecond it sent and the lines it sent at it. */
export interface TailEdge {
  ts: string;
  ids: ReadonlySet<string>;
}

/**
 * What a tail asks Loki for after an outage. Loki's own replay on a new tail socket is only
 * the newest `limit` lines since `start`, so a longer gap would lose its oldest lines.
 */
export interface TailCatchUp {
  /** Lines after `edge` up to `toMs`, oldest first, at most `limit`; `more` when Loki holds more. */
  fetch(
    edge: TailEdge,
    toMs: number,
    limit: number,
    signal: AbortSignal,
  ): Promise<{ records: LogRecord[]; more: boolean }>;
  /** How many lines fall in (`fromNs`, `fromNs` + `rangeMs`], for a gap too long to fetch. */
  count(fromNs: string, rangeMs: number, signal: AbortSignal): Promise<number>;
}

/** The catch-up as Loki queries: query_range pages from a cursor past the edge, and a count. */
export function lokiTailCatchUp(client: LokiClient, query: string, opts: PageOptions): TailCatchUp {
  return {
    async fetch(edge, toMs, limit, signal) {
      const answer = await queryPaged(
        client,
        {
          language: 'logql',
          query,
          fromMs: Number(BigInt(edge.ts) / NS_PER_MS),
          toMs,
          limit,
          direction: 'forward',
          cursor: encodeCursor({ d: 'forward', ts: edge.ts, ids: [...edge.ids] }),
        },
        opts,
        signal,
      );
      return { records: answer.records, more: answer.cursor !== undefined };
    },
    async count(fromNs, rangeMs, signal) {
      // Loki's window at t is (t - range, t], to the nanosecond: evaluated at the edge plus
      // the range, it starts right after the last line sent.
      const time = String(BigInt(fromNs) + BigInt(rangeMs) * NS_PER_MS);
      const data = queryData(
        await client.getJson('query', { query: countQuery(query, rangeMs), time }, signal),
        'vector',
      );
      if (data.resultType !== 'vector') {
        throw new LogsiftError(
          'backend_unavailable',
          `Loki answered a ${data.resultType} to a count`,
        );
      }
      return data.result.reduce((sum, s) => sum + sampleValue(s.value[1]), 0);
    },
  };
}
