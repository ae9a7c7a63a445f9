import { z } from 'zod';
import { LogsiftError, type LogRecord } from '../../../model';
import type { DatasourceQuery, DatasourceQueryResult } from '../datasource';
import { decodeCursor, encodeCursor } from '../paging';
import type { EsClient, Flavor } from './client';
import { SetInterner } from '../setInterner';
import { nanosOf, readField, recordOf, type EsHit, type RecordShape } from './records';
import { rangedQuery, timeSort, type Dsl } from './search';

const KEEP_ALIVE = '1m';

interface SearchAnswer {
  pit_id?: string;
  hits: { total?: { value: number; relation: string }; hits: EsHit[] };
  _shards?: { failed?: number; failures?: { reason?: { reason?: string } }[] };
  timed_out?: boolean;
}

/** Where the next page starts: the edge time (epoch ms) and the documents already sent at it. */
const CursorSchema = z.strictObject({
  d: z.enum(['backward', 'forward']),
  ms: z.number().int().nonnegative(),
  ids: z.array(z.string()).max(100_000),
});

class Pit {
  id: string | undefined;
  constructor(
    private readonly client: EsClient,
    private readonly flavor: Flavor,
    private readonly index: string,
  ) {}

  async open(signal: AbortSignal): Promise<string> {
    const index = encodeURIComponent(this.index).replace(/%2C/g, ',').replace(/%2A/g, '*');
    if (this.flavor === 'opensearch') {
      const res = await this.client.json<{ pit_id: string }>(
        'POST',
        `${index}/_search/point_in_time?keep_alive=${KEEP_ALIVE}`,
        undefined,
        signal,
      );
      this.id = res.pit_id;
    } else {
      const res = await this.client.json<{ id: string }>(
        'POST',
        `${index}/_pit?keep_alive=${KEEP_ALIVE}`,
        undefined,
        signal,
      );
      this.id = res.id;
    }
    return this.id;
  }

  /** Closed when paging ends, so the cluster frees it now rather than at keep_alive. */
  async close(): Promise<void> {
    if (!this.id) return;
    const id = this.id;
    this.id = undefined;
    const body = this.flavor === 'opensearch' ? { pit_id: [id] } : { id };
    const path = this.flavor === 'opensearch' ? '_search/point_in_time' : '_pit';
    await this.client.json('DELETE', path, body, AbortSignal.timeout(5_000)).catch(() => undefined);
  }
}

export interface PagingOptions {
  shape: RecordShape;
  index: string;
  pageSize: number;
  user: Dsl;
  lucene: string | undefined;
}

function edgeMsOf(hit: EsHit, shape: RecordShape): number | undefined {
  const sorted = hit.sort?.[0];
  if (typeof sorted === 'number') return sorted;
  const ns = nanosOf(readField(hit._source ?? {}, shape.timeField));
  return ns === undefined ? undefined : Number(BigInt(ns) / 1_000_000n);
}

/**
 * Newest (or oldest) documents first, page after page. Beyond one page the pages share a
 * point in time; on Elasticsearch each continues with `search_after` on the last sort values
 * (its implicit `_shard_doc` tiebreaker makes them unique). Where there is no tiebreaker
 * (OpenSearch) or the PIT expired and was reopened, a page starts at the edge time, inclusive,
 * skipping the documents already sent there.
 */
export async function searchPaged(
  client: EsClient,
  req: DatasourceQuery,
  opts: PagingOptions,
  signal: AbortSignal,
): Promise<DatasourceQueryResult> {
  const started = performance.now();
  const backward = req.direction === 'backward';
  let edge = req.cursor ? decodeCursor(CursorSchema, req.cursor, req.direction) : undefined;
  const records: LogRecord[] = [];
  const interner = new SetInterner();
  const many = req.limit > opts.pageSize;
  const flavor = many ? await client.detectFlavor(signal) : 'elasticsearch';
  const pit = many ? new Pit(client, flavor, opts.index) : undefined;
  let after: unknown[] | undefined;
  let total: number | undefined;
  let exhausted = false;
  let warning: string | undefined;
  try {
    if (pit) await pit.open(signal);
    while (records.length < req.limit) {
      const seen = new Set(after ? [] : edge?.ids);
      const size = Math.min(opts.pageSize, req.limit - records.length + seen.size);
      const from = backward ? req.fromMs : (edge?.ms ?? req.fromMs);
      const to = backward ? (after ? req.toMs : (edge?.ms ?? req.toMs)) : req.toMs;
      const body: Dsl = {
        size,
        sort: timeSort(opts.shape, req.direction),
        query: rangedQuery(opts.user, opts.shape.timeField, after ? req.fromMs : from, to),
        track_total_hits: total === undefined,
        ...(pit?.id ? { pit: { id: pit.id, keep_alive: KEEP_ALIVE } } : {}),
        ...(after ? { search_after: after } : {}),
      };
      const path = pit?.id ? '_search' : `${opts.index}/_search`;
      let answer: SearchAnswer;
      try {
        answer = await client.json<SearchAnswer>('POST', path, body, signal, opts.lucene);
      } catch (error) {
        // A PIT that expired mid-paging is reopened; the edge tells where to resume.
        if (
          pit &&
          error instanceof LogsiftError &&
          error.code === 'not_found' &&
          /search_context_missing/.test(error.backend?.excerpt ?? '')
        ) {
          await pit.open(signal);
          after = undefined;
          continue;
        }
        throw error;
      }
      total ??= answer.hits.total?.value;
      if ((answer._shards?.failed ?? 0) > 0 || answer.timed_out) {
        warning =
          `partial results: ${answer._shards?.failed ?? 0} shard(s) failed${answer.timed_out ? ', timed out' : ''}: ${answer._shards?.failures?.[0]?.reason?.reason ?? ''}`.trim();
      }
      if (answer.pit_id && pit) pit.id = answer.pit_id;
      const hits = answer.hits.hits;
      const fresh = hits.filter((h) => !seen.has(`${h._index}/${h._id}`));
      for (const hit of fresh) {
        if (records.length >= req.limit) break;
        const record = recordOf(hit, opts.shape, interner);
        if (record) records.push(record);
      }
      const last = hits.at(-1);
      if (hits.length < size || !last) {
        exhausted = true;
        break;
      }
      const lastMs = edgeMsOf(last, opts.shape);
      if (lastMs === undefined) break;
      const tiebroken =
        flavor === 'elasticsearch' && pit?.id !== undefined && (last.sort?.length ?? 0) >= 2;
      after = tiebroken ? last.sort : undefined;
      if (!tiebroken && fresh.length === 0) {
        // A whole page at one millisecond: step past it rather than ask for it again.
        edge = { d: req.direction, ms: backward ? lastMs - 1 : lastMs + 1, ids: [] };
        continue;
      }
      edge = { d: req.direction, ms: lastMs, ids: idsAt(records, lastMs) };
    }
  } finally {
    await pit?.close();
  }
  const tail = records.at(-1);
  const more = !exhausted && tail !== undefined;
  const tailMs = tail ? Number(BigInt(tail.ts) / 1_000_000n) : 0;
  return {
    records,
    ...(more
      ? { cursor: encodeCursor({ d: req.direction, ms: tailMs, ids: idsAt(records, tailMs) }) }
      : {}),
    stats: {
      scanned: total ?? records.length,
      returned: records.length,
      tookMs: Math.round(performance.now() - started),
      truncated: more,
      ...(total !== undefined ? { total } : {}),
      ...(warning ? { warnings: [warning] } : {}),
    },
  };
}

function idsAt(records: LogRecord[], ms: number): string[] {
  const ids: string[] = [];
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i];
    if (!r || Number(BigInt(r.ts) / 1_000_000n) !== ms) break;
    ids.push(r.id);
  }
  return ids;
}
