import type { Labels, Level } from '../../../model';
import { LEVELS } from '../../../model';
import { detectLevel } from '../../logs/detectLevel';
import { limitLine, MAX_LINE_BYTES } from '../../logs/limitLine';

export interface Entry {
  ms: number;
  subNs: number;
  line: string;
  /** Bytes a reader already cut from this line, so the marker counts them too. */
  dropped?: number;
}

/** One labelled stream, columnar so scans touch only the arrays they need. */
export interface Stream {
  readonly id: number;
  readonly labels: Labels;
  readonly key: string;
  ms: number[];
  subNs: number[];
  lines: string[];
  /** Index into LEVELS, detected once at ingest. */
  levels: number[];
  /** Ingest order within the stream: record ids stay stable through sorting and eviction. */
  seqs: number[];
  nextSeq: number;
}

export interface StoredEntry {
  ms: number;
  subNs: number;
  line: string;
  level: number;
  seq: number;
}

export type AppendListener = (stream: Stream, added: readonly StoredEntry[]) => void;

const LEVEL_INDEX = new Map<Level, number>(LEVELS.map((l, i) => [l, i]));

export function streamKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(',');
}

/** First index whose time is ≥ ms (binary search; streams are kept in time order). */
export function lowerBound(times: readonly number[], ms: number, end = times.length): number {
  let lo = 0;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] ?? 0) < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class LogStore {
  private readonly byKey = new Map<string, Stream>();
  private readonly listeners = new Set<AppendListener>();
  private total = 0;

  constructor(private readonly maxLines: number) {}

  get size(): number {
    return this.total;
  }

  streams(): Iterable<Stream> {
    return this.byKey.values();
  }

  stream(labels: Labels): Stream {
    const key = streamKey(labels);
    let stream = this.byKey.get(key);
    if (!stream) {
      stream = {
        id: this.byKey.size,
        labels,
        key,
        ms: [],
        subNs: [],
        lines: [],
        levels: [],
        seqs: [],
        nextSeq: 0,
      };
      this.byKey.set(key, stream);
    }
    return stream;
  }

  /** Appends entries; out-of-order ones are placed by time so binary searches stay valid. */
  append(labels: Labels, entries: readonly Entry[]): void {
    if (entries.length === 0) return;
    const stream = this.stream(labels);
    const added: StoredEntry[] = [];
    const before = stream.ms.length;
    let ordered = true;
    let minMs = Number.POSITIVE_INFINITY;
    for (const e of entries) {
      const last = stream.ms.length - 1;
      if (last >= 0) {
        const lastMs = stream.ms[last] ?? 0;
        if (lastMs > e.ms || (lastMs === e.ms && (stream.subNs[last] ?? 0) > e.subNs)) {
          ordered = false;
        }
      }
      if (e.ms < minMs) minMs = e.ms;
      const line = limitLine(e.line, MAX_LINE_BYTES, e.dropped);
      const level = LEVEL_INDEX.get(detectLevel(line)) ?? LEVELS.length - 1;
      const seq = stream.nextSeq++;
      stream.ms.push(e.ms);
      stream.subNs.push(e.subNs);
      stream.lines.push(line);
      stream.levels.push(level);
      stream.seqs.push(seq);
      if (this.listeners.size > 0) added.push({ ms: e.ms, subNs: e.subNs, line, level, seq });
    }
    // Only the part from the earliest new time on can be out of order: sort just that.
    if (!ordered) sortStream(stream, lowerBound(stream.ms, minMs, before));
    this.total += entries.length;
    if (this.total > this.maxLines) this.evict();
    for (const listener of this.listeners) listener(stream, added);
  }

  onAppend(listener: AppendListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Drops the oldest lines across all streams, a tenth below the bound so this stays rare. */
  private evict(): void {
    const target = Math.floor(this.maxLines * 0.9);
    // A typed array: spreading millions of numbers into push() would overflow the stack.
    const all = new Float64Array(this.total);
    let n = 0;
    for (const s of this.byKey.values()) {
      all.set(s.ms, n);
      n += s.ms.length;
    }
    all.sort();
    let excess = this.total - target;
    const cutoff = all[excess] ?? Number.POSITIVE_INFINITY;
    for (const s of this.byKey.values()) excess -= dropHead(s, lowerBound(s.ms, cutoff));
    // Lines read without a timestamp share one; drop enough of those too, or the bound leaks.
    for (const s of this.byKey.values()) {
      if (excess <= 0) break;
      let same = 0;
      while (same < excess && s.ms[same] === cutoff) same++;
      excess -= dropHead(s, same);
    }
    this.total = target + Math.max(0, excess);
  }
}

function dropHead(s: Stream, count: number): number {
  if (count === 0) return 0;
  s.ms.splice(0, count);
  s.subNs.splice(0, count);
  s.lines.splice(0, count);
  s.levels.splice(0, count);
  s.seqs.splice(0, count);
  return count;
}

/** Sorts lines `from` on by time, ties in ingest order, so ranges and cursors stay exact. */
function sortStream(s: Stream, from: number): void {
  const order = Array.from({ length: s.ms.length - from }, (_, i) => from + i);
  order.sort(
    (a, b) =>
      (s.ms[a] ?? 0) - (s.ms[b] ?? 0) ||
      (s.subNs[a] ?? 0) - (s.subNs[b] ?? 0) ||
      (s.seqs[a] ?? 0) - (s.seqs[b] ?? 0),
  );
  const ms = order.map((i) => s.ms[i] ?? 0);
  const subNs = order.map((i) => s.subNs[i] ?? 0);
  const lines = order.map((i) => s.lines[i] ?? '');
  const levels = order.map((i) => s.levels[i] ?? 0);
  const seqs = order.map((i) => s.seqs[i] ?? 0);
  for (let k = 0; k < order.length; k++) {
    s.ms[from + k] = ms[k] ?? 0;
    s.subNs[from + k] = subNs[k] ?? 0;
    s.lines[from + k] = lines[k] ?? '';
    s.levels[from + k] = levels[k] ?? 0;
    s.seqs[from + k] = seqs[k] ?? 0;
  }
}
