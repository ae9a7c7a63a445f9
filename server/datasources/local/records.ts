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

/** The columns of one stored line that a record needs, besides its text. */
export interface RecordKey {
  ms: number;
  subNs: number;
  level: number;
  seq: number;
}

export function makeRecord(
  source: string,
  streamKey: string,
  key: RecordKey,
  line: string,
  labels: Labels,
  fields: Labels,
): LogRecord {
  return {
    id: `${hashKey(streamKey)}-${key.seq}`,
    ts: nanos(key.ms, key.subNs),
    line,
    labels,
    fields,
    level: LEVELS[key.level] ?? 'unknown',
    source,
  };
}

export function toRecord(
  source: string,
  stream: Stream,
  index: number,
  line: string,
  labels: Labels,
  fields: Labels,
): LogRecord {
  const key = {
    ms: stream.ms[index] ?? 0,
    subNs: stream.subNs[index] ?? 0,
    level: stream.levels[index] ?? LEVELS.length - 1,
    seq: stream.seqs[index] ?? index,
  };
  return makeRecord(source, stream.key, key, line, labels, fields);
}
