import type { Labels } from '../../model';
import type { CompiledLogQuery } from '../../query';
import { nanos } from '../../server/datasources/local/records';
import { streamRanges } from '../../server/datasources/local/scan';
import type { StoredEntry, Stream } from '../../server/datasources/local/store';
import type { SimDatabase, TenantView } from './database';
import type { Bounds, Direction } from './params';
import { NS_PER_MS } from './params';

/** One line a log query keeps, with its labels sorted into Loki's three kinds. */
export interface SelectedEntry {
  ms: number;
  subNs: number;
  line: string;
  /** Indexed labels left after the pipeline. */
  stream: Labels;
  structuredMetadata: Labels;
  parsed: Labels;
  streamId: string;
  seq: number;
}

export interface ScanCounts {
  lines: number;
  bytes: number;
}

/** A time as (millisecond, nanoseconds within it), comparable without BigInt per line. */
interface Instant {
  ms: number;
  subNs: number;
}

function instant(ns: bigint): Instant {
  return { ms: Number(ns / NS_PER_MS), subNs: Number(ns % NS_PER_MS) };
}

function before(ms: number, subNs: number, limit: Instant): boolean {
  return ms < limit.ms || (ms === limit.ms && subNs < limit.subNs);
}

function compareEntries(a: SelectedEntry, b: SelectedEntry): number {
  return a.ms - b.ms || a.subNs - b.subNs || a.streamId.localeCompare(b.streamId) || a.seq - b.seq;
}

/** Splits what the pipeline added: seeded metadata that survived unchanged, and the rest. */
function categorize(fields: Labels, seed: Labels): { structuredMetadata: Labels; parsed: Labels } {
  const structuredMetadata: Labels = {};
  const parsed: Labels = {};
  for (const key in fields) {
    const value = fields[key] ?? '';
    if (seed[key] === value) structuredMetadata[key] = value;
    else parsed[key] = value;
  }
  return { structuredMetadata, parsed };
}

/**
 * The `limit` entries nearest the query's starting edge over [start, end) — Loki's end is
 * exclusive — walking each stream in the query's direction and keeping at most `limit`
 * from each before the merge.
 */
export function selectEntries(
  db: SimDatabase,
  view: TenantView,
  query: CompiledLogQuery,
  bounds: Bounds,
  limit: number,
  direction: Direction,
  counts: ScanCounts = { lines: 0, bytes: 0 },
): SelectedEntry[] {
  const start = instant(bounds.start);
  const end = instant(bounds.end);
  const backward = direction === 'backward';
  const picked: SelectedEntry[] = [];
  for (const store of view.stores) {
    for (const range of streamRanges(store, query, start.ms, end.ms)) {
      const { stream } = range;
      let kept = 0;
      const step = backward ? -1 : 1;
      for (
        let i = backward ? range.end - 1 : range.start;
        backward ? i >= range.start : i < range.end;
        i += step
      ) {
        const ms = stream.ms[i] ?? 0;
        const subNs = stream.subNs[i] ?? 0;
        if (before(ms, subNs, start) || !before(ms, subNs, end)) continue;
        const stored = {
          ms,
          subNs,
          line: stream.lines[i] ?? '',
          level: stream.levels[i] ?? 0,
          seq: stream.seqs[i] ?? i,
        };
        const entry = pick(db, stream, stored, query, counts);
        if (!entry) continue;
        picked.push(entry);
        if (++kept >= limit) break;
      }
    }
  }
  picked.sort(backward ? (a, b) => compareEntries(b, a) : compareEntries);
  return picked.slice(0, limit);
}

/** Runs one stored line through the pipeline; undefined when the query drops it. */
export function pick(
  db: SimDatabase,
  stream: Stream,
  stored: StoredEntry,
  query: CompiledLogQuery,
  counts: ScanCounts,
): SelectedEntry | undefined {
  counts.lines++;
  counts.bytes += Buffer.byteLength(stored.line);
  if (!query.testLine(stored.line)) return undefined;
  const seed = db.seed(stream, stored.seq, stored.level);
  const processed = query.process(stored.line, stream.labels, seed);
  if (!processed) return undefined;
  return {
    ms: stored.ms,
    subNs: stored.subNs,
    line: processed.line,
    stream: processed.labels,
    ...categorize(processed.fields, seed),
    streamId: stream.key,
    seq: stored.seq,
  };
}

export type StreamValue = [string, string] | [string, string, Record<string, Labels>];

export interface StreamResult {
  stream: Labels;
  values: StreamValue[];
}

export function sortedLabels(labels: Labels): Labels {
  const out: Labels = {};
  for (const key of Object.keys(labels).sort()) out[key] = labels[key] ?? '';
  return out;
}

/**
 * Groups entries into Loki's `streams` result. With categorize-labels, `stream` holds only
 * indexed labels and each value carries the other two kinds (empty ones left out);
 * without it, every label folds into `stream`, so metadata and parsed values split streams.
 */
export function toStreams(entries: readonly SelectedEntry[], categorized: boolean): StreamResult[] {
  const byKey = new Map<string, StreamResult>();
  for (const e of entries) {
    const labels = sortedLabels(
      categorized ? e.stream : { ...e.stream, ...e.structuredMetadata, ...e.parsed },
    );
    const key = JSON.stringify(labels);
    let result = byKey.get(key);
    if (!result) byKey.set(key, (result = { stream: labels, values: [] }));
    const ts = nanos(e.ms, e.subNs);
    if (!categorized) {
      result.values.push([ts, e.line]);
      continue;
    }
    const extra: Record<string, Labels> = {};
    if (Object.keys(e.structuredMetadata).length > 0) {
      extra['structuredMetadata'] = sortedLabels(e.structuredMetadata);
    }
    if (Object.keys(e.parsed).length > 0) extra['parsed'] = sortedLabels(e.parsed);
    result.values.push([ts, e.line, extra]);
  }
  return [...byKey.values()];
}
