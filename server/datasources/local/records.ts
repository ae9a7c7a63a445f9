import { LEVELS, type Labels, type LogRecord } from '../../../model';

/** The level found at ingest, offered to pipelines as Loki 3 offers `detected_level`. */
export const LEVEL_SEEDS: readonly Labels[] = LEVELS.map((level) =>
  Object.freeze({ detected_level: level }),
);

export function levelSeed(level: number): Labels {
  return LEVEL_SEEDS[level] ?? LEVEL_SEEDS[LEVELS.length - 1] ?? {};
}
import type { Stream } from './store';

/** FNV-1a: a short, stable hash of a stream's labels for record ids. */
export function hashKey(key: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

export function nanos(ms: number, subNs: number): string {
  return subNs === 0 ? `${ms}000000` : `${ms}${String(subNs).padStart(6, '0')}`;
}

export function toRecord(
  source: string,
  stream: Stream,
  index: number,
  line: string,
  labels: Labels,
  fields: Labels,
): LogRecord {
  const ms = stream.ms[index] ?? 0;
  const subNs = stream.subNs[index] ?? 0;
  return {
    id: `${hashKey(stream.key)}-${stream.seqs[index] ?? index}`,
    ts: nanos(ms, subNs),
    line,
    labels,
    fields,
    level: LEVELS[stream.levels[index] ?? LEVELS.length - 1] ?? 'unknown',
    source,
  };
}
