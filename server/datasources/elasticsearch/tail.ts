import { LogsiftError, type LogRecord } from '../../../model';
import type { TailSession, TailSink } from '../datasource';
import type { EsClient } from './client';
import { recordOf, type EsHit, type RecordShape } from './records';
import { rangedQuery, timeSort, type Dsl } from './search';

const BATCH = 1_000;

export interface EsTailOptions {
  index: string;
  user: Dsl;
  shape: RecordShape;
  intervalMs: number;
  lucene: string | undefined;
  now?: () => number;
}

/**
 * Polls for documents newer than the last one sent: each poll starts at the last
 * millisecond sent, inclusive, and skips the documents already sent at it, so many
 * documents sharing a timestamp are neither repeated nor lost across polls.
 */
export function startEsTail(client: EsClient, opts: EsTailOptions, sink: TailSink): TailSession {
  const now = opts.now ?? Date.now;
  let edgeMs = now();
  let sentAtEdge = new Set<string>();
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let controller: AbortController | undefined;
  let failing = false;

  const poll = async () => {
    controller = new AbortController();
    const body: Dsl = {
      size: BATCH,
      sort: timeSort(opts.shape, 'forward'),
      query: rangedQuery(opts.user, opts.shape.timeField, edgeMs, 'now'),
      track_total_hits: false,
    };
    try {
      const answer = await client.json<{ hits: { hits: EsHit[] } }>(
        'POST',
        `${opts.index}/_search`,
        body,
        controller.signal,
        opts.lucene,
      );
      failing = false;
      const records: LogRecord[] = [];
      for (const hit of answer.hits.hits) {
        const record = recordOf(hit, opts.shape);
        if (record && !sentAtEdge.has(record.id)) records.push(record);
      }
      if (records.length > 0 && !closed) {
        const lastMs = Number(BigInt(records.at(-1)?.ts ?? '0') / 1_000_000n);
        if (lastMs !== edgeMs) sentAtEdge = new Set();
        edgeMs = lastMs;
        for (const r of records)
          if (Number(BigInt(r.ts) / 1_000_000n) === edgeMs) sentAtEdge.add(r.id);
        sink({ type: 'records', records });
      }
      // A full batch means more are waiting: ask again at once rather than after the interval.
      if (answer.hits.hits.length >= BATCH) return schedule(0);
    } catch (error) {
      if (closed) return;
      const e = error instanceof LogsiftError ? error : new LogsiftError('internal', 'tail failed');
      if (e.code === 'bad_query' || e.code === 'unauthorized' || e.code === 'forbidden') {
        closed = true;
        sink({ type: 'error', error: e.toBody() });
        return;
      }
      // An outage is reported once; polling goes on and resumes where it stopped.
      if (!failing) sink({ type: 'error', error: e.toBody() });
      failing = true;
    }
    schedule(opts.intervalMs);
  };
  const schedule = (ms: number) => {
    if (!closed) timer = setTimeout(() => void poll(), ms);
  };
  schedule(0);
  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      controller?.abort();
    },
  };
}
