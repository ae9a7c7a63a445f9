import type { LogRecord } from '../../../model';
import type { CompiledLogQuery } from '../../../query';
import type { TailSession, TailSink } from '../datasource';
import { levelSeed, makeRecord } from './records';
import type { LogStore, StoredEntry, Stream } from './store';

const FLUSH_MS = 250;
const BATCH = 100;
/** Like Loki's tailer: a slow reader loses lines, counted and reported, never buffered forever. */
const MAX_QUEUE = 1_000;

export function startTail(
  source: string,
  store: LogStore,
  query: CompiledLogQuery,
  sink: TailSink,
): TailSession {
  let queue: LogRecord[] = [];
  let dropped = 0;
  const onAppend = (stream: Stream, added: readonly StoredEntry[]): void => {
    if (!query.matchesStream(stream.labels)) return;
    for (const e of added) {
      if (!query.testLine(e.line)) continue;
      const entry = query.process(e.line, stream.labels, levelSeed(e.level));
      if (!entry) continue;
      if (queue.length >= MAX_QUEUE) {
        dropped++;
        continue;
      }
      queue.push(makeRecord(source, stream.key, e, entry.line, entry.labels, entry.fields));
    }
  };
  const unsubscribe = store.onAppend(onAppend);
  const timer = setInterval(() => {
    if (dropped > 0) {
      sink({ type: 'dropped', count: dropped });
      dropped = 0;
    }
    while (queue.length > 0) {
      sink({ type: 'records', records: queue.slice(0, BATCH) });
      queue = queue.slice(BATCH);
    }
  }, FLUSH_MS);
  timer.unref();
  return {
    close() {
      clearInterval(timer);
      unsubscribe();
      queue = [];
    },
  };
}
