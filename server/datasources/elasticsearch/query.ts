import { z } from 'zod';
import { LogsiftError, type LogRecord } from '../../../model';
import type { DatasourceQuery, QueryPages } from '../datasource';
import { decodeCursor, encodeCursor, readAhead, type PageRead } from '../paging';
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

export class Pit {
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

type Edge = z.infer<typeof CursorSchema>;

/** One page's request: what to skip at its start, how many to ask for, and the answer. */
interface PageFetch {
  seen: Set<string>;
  size: number;
  answer: Promise<SearchAnswer>;
}

/** The documents sent at the newest edge millisecond, kept while paging instead of all records. */
class EdgeIds {
  ms: number;
  ids: string[];
  constructor(from?: Edge) {
    this.ms = from?.ms ?? -1;
    this.ids = [...(from?.ids ?? [])];
  }
  add(ms: number, id: string): void {
    if (ms !== this.ms) {
      this.ms = ms;
      this.ids = [];
    }
    this.ids.push(id);
  }
}

/**
 * Newest (or oldest) documents first, page after page. Beyond one page the pages share a
 * point in time; on Elasticsearch each continues with `search_after` on the last sort values
 * (its implicit `_shard_doc` tiebreaker makes them unique). Where there is no tiebreaker
 * (OpenSearch) or the PIT expired and was reopened, a page starts at the edge time, inclusive,
 * skipping the documents already sent there.
 *
 * The next page is asked for as soon as this one arrives, before it is turned into records and
 * sent on, so the cluster's work and ours overlap. The first page is fetched before this
 * resolves; a later failure ends the answer early, with a warning and a cursor to go on.
 */
export async function searchPaged(
  client: EsClient,
  req: DatasourceQuery,
  opts: PagingOptions,
  signal: AbortSignal,
): Promise<QueryPages> {
  const started = performance.now();
  const backward = req.direction === 'backward';
  let edge: Edge | undefined = req.cursor
    ? decodeCursor(CursorSchema, req.cursor, req.direction)
    : undefined;
  const interner = new SetInterner();
  const many = req.limit > opts.pageSize;
  const flavor = many ? await client.detectFlavor(signal) : 'elasticsearch';
  const pit = many ? new Pit(client, flavor, opts.index) : undefined;
  let after: unknown[] | undefined;
  let total: number | undefined;
  let wanted = req.limit;
  let sent = 0;
  let exhausted = false;
  const warnings: string[] = [];
  // Seeded from the cursor: a page may start inside the millisecond the last answer ended in.
  const sentEdge = new EdgeIds(edge);

  const fetchPage = (): PageFetch => {
    const seen = new Set(after ? [] : edge?.ids);
    const size = Math.min(opts.pageSize, wanted + seen.size);
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
    const answer = client.json<SearchAnswer>('POST', path, body, signal, opts.lucene);
    // Settled here so a page left unawaited (the reader went away) is no unhandled rejection.
    answer.catch(() => undefined);
    return { seen, size, answer };
  };

  /** The page's answer; an expired PIT is reopened and the page asked again from the edge. */
  const answerOf = async (page: PageFetch): Promise<{ page: PageFetch; answer: SearchAnswer }> => {
    try {
      return { page, answer: await page.answer };
    } catch (error) {
      if (
        pit &&
        error instanceof LogsiftError &&
        error.code === 'not_found' &&
        /search_context_missing/.test(error.backend?.excerpt ?? '')
      ) {
        await pit.open(signal);
        after = undefined;
        const again = fetchPage();
        return { page: again, answer: await again.answer };
      }
      throw error;
    }
  };

  /**
   * Reads one answer: notes totals and warnings, moves the edge past it and says whether
   * another page is needed. Returns the hits to send.
   */
  const advance = (page: PageFetch, answer: SearchAnswer): PageRead<EsHit[]> => {
    total ??= answer.hits.total?.value;
    if ((answer._shards?.failed ?? 0) > 0 || answer.timed_out) {
      warnings[0] =
        `partial results: ${answer._shards?.failed ?? 0} shard(s) failed${answer.timed_out ? ', timed out' : ''}: ${answer._shards?.failures?.[0]?.reason?.reason ?? ''}`.trim();
    }
    if (answer.pit_id && pit) pit.id = answer.pit_id;
    const hits = answer.hits.hits;
    const fresh = hits.filter((h) => !page.seen.has(`${h._index}/${h._id}`)).slice(0, wanted);
    wanted -= fresh.length;
    for (const h of fresh) {
      const ms = edgeMsOf(h, opts.shape);
      if (ms !== undefined) sentEdge.add(ms, `${h._index}/${h._id}`);
    }
    const last = hits.at(-1);
    if (hits.length < page.size || !last) {
      exhausted = true;
      return { page: fresh, more: false };
    }
    const lastMs = edgeMsOf(last, opts.shape);
    if (lastMs === undefined || wanted <= 0) return { page: fresh, more: false };
    const tiebroken =
      flavor === 'elasticsearch' && pit?.id !== undefined && (last.sort?.length ?? 0) >= 2;
    after = tiebroken ? last.sort : undefined;
    if (!tiebroken && fresh.length === 0) {
      // A whole page at one millisecond: step past it rather than ask for it again.
      edge = { d: req.direction, ms: backward ? lastMs - 1 : lastMs + 1, ids: [] };
      return { page: fresh, more: true };
    }
    edge = { d: req.direction, ms: lastMs, ids: sentEdge.ms === lastMs ? [...sentEdge.ids] : [] };
    return { page: fresh, more: true };
  };

  const recordsOf = (hits: EsHit[]): LogRecord[] => {
    const records: LogRecord[] = [];
    for (const hit of hits) {
      const record = recordOf(hit, opts.shape, interner);
      if (!record) continue;
      records.push(record);
    }
    sent += records.length;
    return records;
  };

  let first: PageRead<EsHit[]>;
  let next: PageFetch | undefined;
  try {
    if (pit) await pit.open(signal);
    const { page, answer } = await answerOf(fetchPage());
    first = advance(page, answer);
    next = first.more ? fetchPage() : undefined;
  } catch (error) {
    await pit?.close();
    throw error;
  }

  async function* pages(): AsyncGenerator<LogRecord[]> {
    try {
      yield* readAhead(
        first.page,
        next,
        {
          read: async (request) => {
            const { page, answer } = await answerOf(request);
            return advance(page, answer);
          },
          fetch: fetchPage,
          records: recordsOf,
          stopped: (reason) =>
            warnings.push(`stopped after ${sent} documents: ${reason}; load more to go on`),
        },
        signal,
      );
    } finally {
      await pit?.close();
    }
  }

  return {
    pages: pages(),
    end() {
      const more = !exhausted && sent > 0;
      return {
        ...(more
          ? { cursor: encodeCursor({ d: req.direction, ms: sentEdge.ms, ids: sentEdge.ids }) }
          : {}),
        stats: {
          scanned: total ?? sent,
          returned: sent,
          tookMs: Math.round(performance.now() - started),
          truncated: more,
          ...(total !== undefined ? { total } : {}),
          ...(warnings.length > 0 ? { warnings } : {}),
        },
      };
    },
  };
}
