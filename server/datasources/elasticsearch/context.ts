import { LogsiftError, type LogRecord } from '../../../model';
import type { ContextQuery, ContextResult } from '../datasource';
import { SetInterner } from '../setInterner';
import type { EsClient } from './client';
import { aggregatable, type FieldCap } from './fieldCaps';
import { Pit } from './query';
import { recordOf, type EsHit, type RecordShape } from './records';
import type { Dsl } from './search';

/** How far each way lines are looked for, so the search skips the indices of other days. */
export const CONTEXT_WINDOW_MS = 24 * 3_600_000;

/** The normalized labels that name a stream, narrowest first: a pod's container is one log. */
const STREAM_LABELS = [['pod', 'container', 'namespace'], ['app', 'namespace'], ['node']];

/**
 * Term filters on the record's stream: its pod and container when it has them (mapped back
 * to the document fields of the configured shipper), else the other labels it carries.
 */
export function streamFilters(
  labels: Record<string, string>,
  fieldMap: Record<string, string>,
  caps: Map<string, FieldCap>,
): Dsl[] {
  const names = STREAM_LABELS.find((group) => labels[group[0] ?? ''] !== undefined) ?? [
    ...Object.keys(labels),
  ];
  const filters: Dsl[] = [];
  for (const name of names) {
    const value = labels[name];
    const path = fieldMap[name];
    if (value === undefined || path === undefined) continue;
    filters.push({ term: { [aggregatable(caps, path)]: value } });
  }
  if (filters.length === 0) {
    throw new LogsiftError(
      'bad_query',
      'the document has no pod, container or other Kubernetes field to find its stream by',
    );
  }
  return filters;
}

interface Answer {
  hits: { hits: EsHit[] };
}

export interface ContextOptions {
  shape: RecordShape;
  index: string;
  caps: Map<string, FieldCap>;
}

/**
 * Documents of the record's stream before and after it, sorted by time. On Elasticsearch a
 * point in time gives every document a unique `[time, _shard_doc]` sort key: the record's own
 * key is looked up, and `search_after` it goes both ways (before: descending, then reversed).
 * Without that tiebreaker (OpenSearch, or the record gone) documents of the record's
 * millisecond go after it, the record left out by id.
 */
export async function esContext(
  client: EsClient,
  req: ContextQuery,
  opts: ContextOptions,
  signal: AbortSignal,
): Promise<ContextResult> {
  const { shape } = opts;
  const slash = req.record.id.indexOf('/');
  const own = { index: req.record.id.slice(0, slash), id: req.record.id.slice(slash + 1) };
  const ms = Number(BigInt(req.record.ts) / 1_000_000n);
  const range = {
    range: {
      [shape.timeField]: {
        gte: ms - CONTEXT_WINDOW_MS,
        lte: ms + CONTEXT_WINDOW_MS,
        format: 'epoch_millis',
      },
    },
  };
  const stream = {
    bool: { filter: [...streamFilters(req.record.labels, shape.fieldMap, opts.caps), range] },
  };
  const timeOrder = (order: 'asc' | 'desc'): Dsl => ({
    [shape.timeField]: { order, unmapped_type: 'boolean' },
  });
  const interner = new SetInterner();
  const recordsOf = (hits: EsHit[]): LogRecord[] =>
    hits
      .filter((h) => h._index !== own.index || h._id !== own.id)
      .flatMap((h) => recordOf(h, shape, interner) ?? []);

  /** One side: `size` documents of the stream sorted `order`, after the sort key `after`. */
  const side = async (
    order: 'asc' | 'desc',
    size: number,
    after: unknown[],
    pitId: string | undefined,
  ): Promise<LogRecord[]> => {
    if (size === 0) return [];
    const sort = pitId ? [timeOrder(order), { _shard_doc: { order } }] : [timeOrder(order)];
    const body = { size, query: stream, sort, search_after: after };
    const answer = pitId
      ? await client.json<Answer>('POST', '_search', { ...body, pit: { id: pitId } }, signal)
      : await client.json<Answer>('POST', `${opts.index}/_search`, body, signal);
    return recordsOf(answer.hits.hits);
  };

  const flavor = await client.detectFlavor(signal);
  if (flavor === 'elasticsearch') {
    const pit = new Pit(client, flavor, opts.index);
    try {
      const pitId = await pit.open(signal);
      const found = await client.json<Answer>(
        'POST',
        '_search',
        {
          size: 10,
          query: { bool: { filter: [{ ids: { values: [own.id] } }, range] } },
          sort: [timeOrder('asc'), { _shard_doc: { order: 'asc' } }],
          pit: { id: pitId },
        },
        signal,
      );
      const key = found.hits.hits.find((h) => h._index === own.index)?.sort;
      if (key) {
        const [before, after] = await Promise.all([
          side('desc', req.before, key, pitId),
          side('asc', req.after, key, pitId),
        ]);
        return { before: before.reverse(), after };
      }
    } finally {
      await pit.close();
    }
  }
  const [before, after] = await Promise.all([
    side('desc', req.before, [ms], undefined),
    side('asc', req.after + 1, [ms - 1], undefined),
  ]);
  return { before: before.reverse(), after: after.slice(0, req.after) };
}
