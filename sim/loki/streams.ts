import type { Labels } from '../../model';
import { lowerBound, type Stream } from '../../server/datasources/local/store';
import type { TenantView } from './database';
import { NS_PER_MS, type Bounds } from './params';

/** A stream with lines in the range, and where they lie: what the index knows of a stream. */
export interface StreamSpan {
  stream: Stream;
  start: number;
  end: number;
}

/**
 * The streams an index lookup finds: selected ones with a line inside [start, end], their
 * label sets merged across stores (samples and pushes may share one).
 */
export function streamsIn(
  view: TenantView,
  bounds: Bounds,
  matches: (labels: Labels) => boolean = () => true,
): StreamSpan[] {
  const fromMs = Number(bounds.start / NS_PER_MS);
  const toMs = Number(bounds.end / NS_PER_MS);
  const out: StreamSpan[] = [];
  for (const store of view.stores) {
    for (const stream of store.streams()) {
      if (!matches(stream.labels)) continue;
      const start = lowerBound(stream.ms, fromMs);
      const end = lowerBound(stream.ms, toMs + 1);
      if (end > start) out.push({ stream, start, end });
    }
  }
  return out;
}

export function spanBytes({ stream, start, end }: StreamSpan): number {
  let bytes = 0;
  for (let i = start; i < end; i++) bytes += Buffer.byteLength(stream.lines[i] ?? '');
  return bytes;
}
