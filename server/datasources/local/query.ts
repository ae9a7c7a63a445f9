import { LogsiftError, type LogRecord } from '../../../model';
import type { CompiledLogQuery, ProcessedEntry } from '../../../query';
import type { DatasourceQuery, DatasourceQueryResult } from '../datasource';
import { Heap } from './heap';
import { levelSeed, toRecord } from './records';
import { checkAbort, type StreamRange } from './scan';
import { lowerBound, type Stream } from './store';

/** Total order of lines across streams: time, then stream, then ingest order. */
type SortKey = [ms: number, subNs: number, streamId: number, seq: number];

function compareKeys(a: SortKey, b: SortKey): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3];
}

export function encodeCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string): SortKey {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === 4 && key.every((n) => Number.isFinite(n))) {
      return key as SortKey;
    }
  } catch {
    // reported below
  }
  throw new LogsiftError('bad_query', 'cursor: not a cursor this datasource gave out');
}

/** Walks one stream in the query's direction, stopping at each line the pipeline keeps. */
interface StreamCursor {
  range: StreamRange;
  index: number;
  key: SortKey;
  entry: ProcessedEntry;
}

export function runQuery(
  source: string,
  query: CompiledLogQuery,
  ranges: StreamRange[],
  req: DatasourceQuery,
  signal: AbortSignal,
): DatasourceQueryResult {
  const started = performance.now();
  const backward = req.direction === 'backward';
  const step = backward ? -1 : 1;
  const after = req.cursor ? decodeCursor(req.cursor) : undefined;
  let scanned = 0;

  const keyAt = (stream: Stream, i: number): SortKey => [
    stream.ms[i] ?? 0,
    stream.subNs[i] ?? 0,
    stream.id,
    stream.seqs[i] ?? 0,
  ];
  const advance = (range: StreamRange, from: number): StreamCursor | undefined => {
    const { stream, start, end } = range;
    for (let i = from; backward ? i >= start : i < end; i += step) {
      checkAbort(signal, ++scanned);
      // The first index was placed by the cursor's millisecond: only ties need the full key.
      if (after && stream.ms[i] === after[0]) {
        const c = compareKeys(keyAt(stream, i), after);
        if (backward ? c >= 0 : c <= 0) continue;
      }
      const line = stream.lines[i] ?? '';
      if (!query.testLine(line)) continue;
      const entry = query.process(line, stream.labels, levelSeed(stream.levels[i] ?? 0));
      if (entry) return { range, index: i, key: keyAt(stream, i), entry };
    }
    return undefined;
  };
  /** Where a stream's walk begins: its range end (or start), or just past the cursor. */
  const firstIndex = ({ stream, start, end }: StreamRange): number => {
    if (backward) {
      const last = after ? Math.min(end, lowerBound(stream.ms, after[0] + 1)) : end;
      return last - 1;
    }
    return after ? Math.max(start, lowerBound(stream.ms, after[0])) : start;
  };

  // A k-way merge: only `limit` lines are ever materialised, whatever the number of streams.
  const heap = new Heap<StreamCursor>((a, b) =>
    backward ? compareKeys(a.key, b.key) > 0 : compareKeys(a.key, b.key) < 0,
  );
  for (const range of ranges) {
    const first = advance(range, firstIndex(range));
    if (first) heap.push(first);
  }
  const records: LogRecord[] = [];
  let lastKey: SortKey | undefined;
  while (records.length < req.limit) {
    const top = heap.pop();
    if (!top) break;
    const { stream } = top.range;
    records.push(
      toRecord(source, stream, top.index, top.entry.line, top.entry.labels, top.entry.fields),
    );
    lastKey = top.key;
    const next = advance(top.range, top.index + step);
    if (next) heap.push(next);
  }
  const truncated = heap.size > 0;
  return {
    records,
    ...(truncated && lastKey ? { cursor: encodeCursor(lastKey) } : {}),
    stats: {
      scanned,
      returned: records.length,
      tookMs: Math.round((performance.now() - started) * 100) / 100,
      truncated,
    },
  };
}
