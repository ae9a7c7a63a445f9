import { LogsiftError, type Labels, type LogRecord } from '../../../model';
import type { ContextQuery, ContextResult } from '../datasource';
import { encodeCursor } from '../paging';
import type { LokiClient } from './client';
import { queryPaged, type PageOptions } from './query';
import { stringList } from './wire';

/** How far each way the lines are looked for: Grafana's Loki context reads 2 h. */
export const CONTEXT_WINDOW_MS = 2 * 3_600_000;

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** An exact stream selector; values quoted as Go strings, which JSON's escapes are a subset of. */
export function streamSelector(labels: Labels): string {
  const names = Object.keys(labels).sort();
  if (names.length === 0) {
    throw new LogsiftError('bad_query', 'the line has no stream labels to find its stream by');
  }
  const bad = names.find((name) => !LABEL_NAME.test(name));
  if (bad !== undefined) {
    throw new LogsiftError('bad_query', `"${bad}" is not a Loki label name`);
  }
  return `{${names.map((name) => `${name}=${JSON.stringify(labels[name])}`).join(', ')}}`;
}

/**
 * The record's labels that are indexed stream labels. Loki 3 (categorize-labels) lists only
 * those already; Loki 2.9 folds the labels a query's parser found into the stream, and a
 * selector with those would match nothing, so they are dropped by the index's label names.
 */
async function streamLabelsOf(
  client: LokiClient,
  record: ContextQuery['record'],
  ms: number,
  signal: AbortSignal,
): Promise<Labels> {
  const indexed = new Set(
    stringList(
      await client.getJson(
        'labels',
        {
          start: String(BigInt(ms - CONTEXT_WINDOW_MS) * 1_000_000n),
          end: String(BigInt(ms + CONTEXT_WINDOW_MS) * 1_000_000n),
        },
        signal,
      ),
    ),
  );
  const kept = Object.entries(record.labels).filter(([name]) => indexed.has(name));
  return kept.length > 0 ? Object.fromEntries(kept) : record.labels;
}

/**
 * Lines of the record's stream before it (backward, ending just before its nanosecond) and
 * after it (forward, from its nanosecond on): Loki's start is inclusive and its end exclusive,
 * so a line sharing the record's nanosecond is in the forward answer only, never twice. The
 * record itself is skipped there by its id, as a page edge is.
 */
export async function lokiContext(
  client: LokiClient,
  req: ContextQuery,
  opts: PageOptions,
  signal: AbortSignal,
): Promise<ContextResult> {
  const ts = BigInt(req.record.ts);
  const ms = Number(ts / 1_000_000n);
  const query = streamSelector(await streamLabelsOf(client, req.record, ms, signal));
  const base = { language: 'logql' as const, query, fromMs: ms - CONTEXT_WINDOW_MS };
  const [before, after] = await Promise.all([
    req.before === 0
      ? undefined
      : queryPaged(
          client,
          {
            ...base,
            toMs: ms + 1,
            limit: req.before,
            direction: 'backward',
            cursor: encodeCursor({ d: 'backward', ts: String(ts - 1n), ids: [] }),
          },
          opts,
          signal,
        ),
    req.after === 0
      ? undefined
      : queryPaged(
          client,
          {
            ...base,
            toMs: ms + CONTEXT_WINDOW_MS,
            // One more: on Loki 2.9 the record may come back under another id (see below).
            limit: req.after + 1,
            direction: 'forward',
            cursor: encodeCursor({ d: 'forward', ts: req.record.ts, ids: [req.record.id] }),
          },
          opts,
          signal,
        ),
  ]);
  return { before: before?.records.reverse() ?? [], after: withoutRecord(after?.records, req) };
}

/**
 * An id is `<stream hash>-<ns>-<line hash>`; the stream hash differs when the listed line's
 * stream held parsed labels (Loki 2.9), so the record is known by the rest as well.
 */
function withoutRecord(records: LogRecord[] | undefined, req: ContextQuery): LogRecord[] {
  if (!records) return [];
  const tail = (id: string) => id.slice(id.indexOf('-')).replace(/~\d+$/, '');
  const own = tail(req.record.id);
  const at = records.findIndex((r) => r.ts === req.record.ts && tail(r.id) === own);
  return (at < 0 ? records : records.filter((_r, i) => i !== at)).slice(0, req.after);
}
