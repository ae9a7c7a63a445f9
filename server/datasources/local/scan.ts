import { LogsiftError } from '../../../model';
import type { CompiledLogQuery } from '../../../query';
import { lowerBound, type LogStore, type Stream } from './store';

export interface StreamRange {
  stream: Stream;
  /** Index of the first line at or after fromMs. */
  start: number;
  /** Index past the last line at or before toMs. */
  end: number;
}

/** The streams the selector picks, each with the index range inside [fromMs, toMs]. */
export function streamRanges(
  store: LogStore,
  query: CompiledLogQuery,
  fromMs: number,
  toMs: number,
): StreamRange[] {
  const out: StreamRange[] = [];
  for (const stream of store.streams()) {
    if (!query.matchesStream(stream.labels)) continue;
    const start = lowerBound(stream.ms, fromMs);
    const end = lowerBound(stream.ms, toMs + 1);
    if (end > start) out.push({ stream, start, end });
  }
  return out;
}

const CHECK_EVERY = 4_096;

/** Long scans look at the signal now and then, so a cancelled or timed-out query stops. */
export function checkAbort(signal: AbortSignal, counter: number): void {
  if ((counter & (CHECK_EVERY - 1)) === 0 && signal.aborted) {
    throw new LogsiftError('timeout', 'the query was cancelled or ran out of time');
  }
}
