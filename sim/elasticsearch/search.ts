import { runAggs } from './aggs';
import { compileQuery } from './dsl';
import { allShardsFailed, esError, NODE_ID, shardQueryError, type Cause } from './errors';
import { fieldRequests, fieldsOf, highlightOf, highlightSpec, sourceFilter } from './hits';
import type { CompileContext, HighlightTerm } from './leaves';
import {
  compareSorted,
  parseSort,
  readSearchAfter,
  sortValue,
  type Match,
  type SortValue,
} from './sort';
import { visible, type View } from './store';

type Json = Record<string, unknown>;

export interface SearchOptions {
  now: number;
  maxResultWindow: number;
  /** How many shards (indices, in order) a fault makes fail. */
  shardFailures: number;
  /** The PIT id to echo as `pit_id`; with `shardDocTiebreaker` a `_shard_doc` key is added. */
  pitId?: string;
  shardDocTiebreaker?: boolean;
}

const KNOWN = new Set([
  'query',
  'size',
  'from',
  'sort',
  'search_after',
  'track_total_hits',
  '_source',
  'fields',
  'docvalue_fields',
  'stored_fields',
  'highlight',
  'timeout',
  'aggs',
  'aggregations',
  'pit',
  'track_scores',
  'version',
  'seq_no_primary_term',
  'script_fields',
  'runtime_mappings',
  'terminate_after',
  'min_score',
  'explain',
  'profile',
  'indices_boost',
  'collapse',
  'post_filter',
  'rescore',
  'suggest',
  'ext',
  'stats',
]);

function validateKeys(body: Json, raw: string): void {
  for (const [key, value] of Object.entries(body)) {
    if (KNOWN.has(key)) continue;
    const kind =
      typeof value === 'object' && value !== null
        ? Array.isArray(value)
          ? 'START_ARRAY'
          : 'START_OBJECT'
        : 'VALUE_STRING';
    const at = raw.indexOf(`"${key}"`);
    const before = raw.slice(0, Math.max(0, at));
    const line = before.split('\n').length;
    const col = (before.split('\n').at(-1)?.length ?? 0) + key.length + 3;
    throw esError(400, {
      type: 'parsing_exception',
      reason: `Unknown key for a ${kind} in [${key}].`,
      line,
      col,
    });
  }
}

function totalHits(count: number, track: unknown): Json | undefined {
  if (track === false) return undefined;
  if (track === true) return { value: count, relation: 'eq' };
  const cap = typeof track === 'number' ? track : 10_000;
  return count > cap ? { value: cap, relation: 'gte' } : { value: count, relation: 'eq' };
}

const SHARD_FAILURE: Cause = {
  type: 'node_not_connected_exception',
  reason: `[${NODE_ID}][127.0.0.1:9300] Node not connected`,
};

/** A whole search request over a view: filter, aggregate, sort, page and shape the hits. */
export function runSearch(view: View, body: Json, raw: string, options: SearchOptions): Json {
  const started = Date.now();
  validateKeys(body, raw);
  const names = view.indices.map((i) => i.name);
  const failed = view.indices.slice(0, options.shardFailures);
  if (view.indices.length > 0 && failed.length === view.indices.length)
    throw allShardsFailed(503, names, SHARD_FAILURE);
  const size = typeof body.size === 'number' ? body.size : 10;
  const from = typeof body.from === 'number' ? body.from : 0;
  if (from + size > options.maxResultWindow) {
    throw allShardsFailed(400, names, {
      type: 'illegal_argument_exception',
      reason: `Result window is too large, from + size must be less than or equal to: [${options.maxResultWindow}] but was [${from + size}]. See the scroll api for a more efficient way to request large data sets. This limit can be set by changing the [index.max_result_window] index level setting.`,
    });
  }
  if (body.search_after !== undefined && from > 0) {
    throw esError(400, {
      type: 'action_request_validation_exception',
      reason:
        'Validation Failed: 1: [from] parameter must be set to 0 when [search_after] is used;',
    });
  }
  const highlights: HighlightTerm[] = [];
  const matches: Match[] = [];
  // With no index a query is still parsed, so a malformed one fails the same way.
  if (view.indices.length === 0) {
    compileQuery(
      { mapping: new Map(), raw, now: options.now, indices: [], highlights, negated: false },
      body.query,
    );
  }
  view.indices.forEach((index, shard) => {
    const ctx: CompileContext = {
      mapping: index.mapping,
      raw,
      now: options.now,
      indices: names,
      highlights,
      negated: false,
    };
    const test = compileQuery(ctx, body.query);
    if (shard < failed.length) return;
    index.docs.forEach((doc, docNo) => {
      if (visible(doc, view.seq) && test(doc)) matches.push({ doc, index, shard, docNo });
    });
  });
  const aggregations = runAggs(body.aggs ?? body.aggregations, matches, {
    raw,
    now: options.now,
    indices: names,
    buckets: 0,
  });
  const keys = parseSort(body.sort, view.indices, options.pitId !== undefined);
  if (options.shardDocTiebreaker && keys.length > 0 && !keys.some((k) => k.kind === 'shard_doc')) {
    keys.push({
      field: '_shard_doc',
      desc: false,
      kind: 'shard_doc',
      unmappedType: undefined,
      format: undefined,
    });
  }
  const sortKeys = keys.length > 0 ? keys : parseSort(['_score', '_doc'], view.indices, false);
  const rows = matches.map((m) => ({ m, values: sortKeys.map((k) => sortValue(k, m)) }));
  rows.sort((a, b) => compareSorted(sortKeys, a.values, b.values) || a.m.shard - b.m.shard);
  let page = rows;
  if (body.search_after !== undefined) {
    if (keys.length === 0) throw shardQueryError(names, 'Sort must contain at least one field.');
    const after: SortValue[] = readSearchAfter(keys, body.search_after, names);
    page = rows.filter((r) => compareSorted(keys, r.values, after) > 0);
  }
  page = page.slice(from, from + size);
  const filter = sourceFilter(body._source);
  const fields = fieldRequests(body.fields);
  const docValues = fieldRequests(body.docvalue_fields);
  const highlight = highlightSpec(body.highlight);
  const sorted = keys.length > 0;
  const scored = !sorted || keys.some((k) => k.kind === 'score');
  const score = filterOnly(body.query) ? 0 : 1;
  const hits = page.map(({ m, values }) => {
    const f = { ...fieldsOf(m, fields, false, names), ...fieldsOf(m, docValues, true, names) };
    const h = highlight ? highlightOf(m, highlight, highlights) : undefined;
    return {
      _index: m.index.name,
      _id: m.doc.id,
      _score: scored ? score : null,
      ...(filter ? { _source: filter(m.doc.source) } : {}),
      ...(Object.keys(f).length > 0 ? { fields: f } : {}),
      ...(h ? { highlight: h } : {}),
      ...(sorted ? { sort: values } : {}),
    };
  });
  const total = totalHits(matches.length, body.track_total_hits);
  const shards: Json = {
    total: view.indices.length,
    successful: view.indices.length - failed.length,
    skipped: 0,
    failed: failed.length,
  };
  if (failed.length > 0) {
    shards.failures = failed.map((index) => ({
      shard: 0,
      index: index.name,
      node: NODE_ID,
      reason: SHARD_FAILURE,
    }));
  }
  return {
    ...(options.pitId !== undefined ? { pit_id: options.pitId } : {}),
    took: Date.now() - started,
    timed_out: false,
    _shards: shards,
    hits: {
      ...(total ? { total } : {}),
      max_score: scored && matches.length > 0 && size > 0 ? score : null,
      hits,
    },
    ...(body.aggs !== undefined || body.aggregations !== undefined ? { aggregations } : {}),
  };
}

/** A query in filter context only scores 0, as Elasticsearch reports it. */
function filterOnly(query: unknown): boolean {
  if (typeof query !== 'object' || query === null || !('bool' in query)) return false;
  const bool = (query as { bool: Json }).bool;
  return (
    bool.must === undefined &&
    bool.should === undefined &&
    (bool.filter !== undefined || bool.must_not !== undefined)
  );
}
