import { LogsiftError, type LogRecord } from '../../../model';
import type { ContextQuery, ContextResult } from '../datasource';
import { hashKey, levelSeed, toRecord } from './records';
import { lowerBound, streamKey, type LogStore, type Stream } from './store';

/**
 * The record's stream: by its labels, else by the stream hash its id starts with (a query
 * with `| drop` or `| keep` lists a line with fewer labels than its stream has).
 */
function streamOf(store: LogStore, record: ContextQuery['record']): Stream | undefined {
  const key = streamKey(record.labels);
  const hash = record.id.slice(0, record.id.lastIndexOf('-'));
  let byHash: Stream | undefined;
  for (const stream of store.streams()) {
    if (stream.key === key) return stream;
    if (!byHash && hashKey(stream.key) === hash) byHash = stream;
  }
  return byHash;
}

/** Where the record sits in its stream: by its ingest number, else by its time. */
function indexOf(stream: Stream, record: ContextQuery['record']): { at: number; found: boolean } {
  const ts = record.ts;
  const ms = Number(ts.slice(0, -6) || '0');
  const subNs = Number(ts.slice(-6));
  const seq = Number(record.id.slice(record.id.lastIndexOf('-') + 1));
  let i = lowerBound(stream.ms, ms);
  for (let j = i; j < stream.ms.length && stream.ms[j] === ms; j++) {
    if (stream.seqs[j] === seq && stream.subNs[j] === subNs) return { at: j, found: true };
  }
  while (i < stream.ms.length && stream.ms[i] === ms && (stream.subNs[i] ?? 0) < subNs) i++;
  return { at: i, found: false };
}

/** The lines before and after a record in its own stream: the store keeps each in time order. */
export function streamContext(source: string, store: LogStore, req: ContextQuery): ContextResult {
  const stream = streamOf(store, req.record);
  if (!stream) {
    throw new LogsiftError('not_found', 'the stream of this line is no longer kept');
  }
  const { at, found } = indexOf(stream, req.record);
  const recordAt = (i: number): LogRecord =>
    toRecord(source, stream, i, stream.lines[i] ?? '', stream.labels, {
      ...levelSeed(stream.levels[i] ?? 0),
    });
  const before: LogRecord[] = [];
  for (let i = Math.max(0, at - req.before); i < at; i++) before.push(recordAt(i));
  const after: LogRecord[] = [];
  const first = found ? at + 1 : at;
  for (let i = first; i < Math.min(stream.ms.length, first + req.after); i++) {
    after.push(recordAt(i));
  }
  return { before, after };
}
