import { LogsiftError, type Facet, type LogRecord } from '../../../model';
import { parseLogQL } from '../../../query';
import type { FacetsQuery } from '../datasource';
import type { LokiClient } from './client';
import { queryData, sampleValue, type LokiSample } from './wire';

const NS_PER_MS = 1_000_000n;
/** Top values per field when the request does not say. */
export const DEFAULT_TOP = 10;
/** Loki's default max_query_series: a `topk` above it would be refused. */
const MAX_SERIES = 500;
/** Instant queries in flight at once for one facets request: each scans the whole range. */
const PARALLEL = 4;
/** What `sum by (…)` accepts; other names (dotted OTel metadata) are counted on the sample. */
const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const countableByLoki = (field: string): boolean => LABEL_NAME.test(field);

/**
 * Lines of the user's log query over the range, in total or per value of one label (stream
 * or parsed). `drop __error__` keeps lines a parser failed on counted instead of failing the
 * metric query; the newline keeps a trailing `#` comment from swallowing it.
 */
export function countQuery(query: string, rangeMs: number, by?: { field: string; k: number }) {
  const counted = `count_over_time(${query}\n| drop __error__, __error_details__ [${rangeMs}ms])`;
  return by ? `topk(${by.k}, sum by (${by.field}) (${counted}))` : `sum(${counted})`;
}

/**
 * Loki's window for an instant query at t is (t - range, t]: at `to` - 1ns it is [from, to),
 * the same lines a log query over the range reads.
 */
function instantParams(query: string, toMs: number) {
  return { query, time: String(BigInt(toMs) * NS_PER_MS - 1n) };
}

async function inTurns<T, R>(items: T[], parallel: number, run: (item: T) => Promise<R>) {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await run(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
  return out;
}

function topOf(counts: Iterable<[string, number]>, size: number) {
  return [...counts]
    .filter(([value, count]) => value !== '' && Number.isFinite(count) && count > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, size)
    .map(([value, count]) => ({ value, count }));
}

/**
 * Exact line counts per value over the whole range, one instant query per field plus one for
 * the total (lines without the field, or with a value past the top, are `other`). A field the
 * query does not parse is counted after the parser `parserOf` names for it. Throws Loki's
 * errors, limits included, for the caller to fall back on a sample.
 */
export async function countedFacets(
  client: LokiClient,
  req: FacetsQuery,
  fields: string[],
  size: number,
  signal: AbortSignal,
  parserOf: ReadonlyMap<string, string> = new Map(),
): Promise<Facet[]> {
  const rangeMs = req.toMs - req.fromMs;
  if (rangeMs <= 0) return fields.map((field) => ({ field, values: [], other: 0, sampled: false }));
  // One more than shown: lines without the label make a group of their own, `{}`.
  const k = Math.min(size + 1, MAX_SERIES);
  const vector = async (query: string): Promise<LokiSample[]> => {
    const data = queryData(
      await client.getJson('query', instantParams(query, req.toMs), signal),
      'vector',
    );
    if (data.resultType !== 'vector') {
      throw new LogsiftError(
        'backend_unavailable',
        `Loki answered a ${data.resultType} to a count`,
      );
    }
    return data.result;
  };
  const queries = [
    countQuery(req.query, rangeMs),
    ...fields.map((field) => {
      const parser = parserOf.get(field);
      const query = parser ? `${req.query}\n| ${parser}` : req.query;
      return countQuery(query, rangeMs, { field, k });
    }),
  ];
  const [totals = [], ...perField] = await inTurns(queries, PARALLEL, vector);
  const total = totals.reduce((n, s) => n + sampleValue(s.value[1]), 0);
  return fields.map((field, i): Facet => {
    const samples = perField[i] ?? [];
    const values = topOf(
      samples.map((s): [string, number] => [s.metric[field] ?? '', sampleValue(s.value[1])]),
      size,
    );
    const inTop = values.reduce((n, v) => n + v.count, 0);
    return { field, values, other: Math.max(0, total - inTop), sampled: false };
  });
}

/** Lines per value in a sample of the newest matching lines; `full` when it may hold fewer. */
export function sampledFacets(
  records: LogRecord[],
  fields: string[],
  size: number,
  full: boolean,
): Facet[] {
  const counts = new Map<string, Map<string, number>>();
  for (const field of fields) counts.set(field, new Map());
  for (const r of records) {
    for (const [field, values] of counts) {
      const value = r.fields[field] ?? r.labels[field];
      if (value !== undefined) values.set(value, (values.get(value) ?? 0) + 1);
    }
  }
  return fields.map((field): Facet => {
    const values = topOf(counts.get(field) ?? [], size);
    const inTop = values.reduce((n, v) => n + v.count, 0);
    const other = records.length - inTop;
    return full
      ? { field, values, other, sampled: true, sampleSize: records.length }
      : { field, values, other, sampled: false };
  });
}

const PARSERS = new Set(['json', 'logfmt', 'regexp', 'pattern', 'unpack']);

/** Whether the query parses its lines itself; unreadable here, it is taken to. */
export function parsesLines(query: string): boolean {
  try {
    const ir = parseLogQL(query);
    return ir.kind !== 'log' || ir.pipeline.some((s) => PARSERS.has(s.kind));
  } catch {
    return true;
  }
}
