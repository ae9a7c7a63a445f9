import type { WebSocket } from 'ws';
import type { Labels } from '../../model';
import type { CompiledLogQuery } from '../../query';
import { nanos } from '../../server/datasources/local/records';
import type { StoredEntry, Stream } from '../../server/datasources/local/store';
import { LokiHttpError } from './httpError';
import { compileQuery } from './logql';
import { pick, selectEntries, toStreams, type SelectedEntry } from './logQuery';
import { msToNanos, parseLokiTime, readLimit } from './params';
import { wantsCategorizedLabels, type SimRequest } from './route';

const HOUR_MS = 3_600_000;
/** Loki's tailer sends at most this many entries a frame. */
const MAX_PER_FRAME = 100;
const FLUSH_MS = 100;
/** Loki pings tail sockets every second (wsPingPeriod). */
const PING_MS = 1_000;
/** Past this much unsent data the reader is too slow: entries are dropped and reported. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
const MAX_DROPPED_REPORTED = 1_000;

export interface TailPlan {
  query: CompiledLogQuery;
  delayMs: number;
  limit: number;
  start: bigint;
}

/** Validated before the upgrade: a bad tail request is refused with plain HTTP, as Loki does. */
export function planTail(req: SimRequest): TailPlan {
  const delayText = req.params.get('delay_for') ?? '';
  if (delayText !== '' && !/^[+-]?\d+$/.test(delayText)) {
    throw new LokiHttpError(
      400,
      `strconv.Atoi: parsing ${JSON.stringify(delayText)}: invalid syntax`,
    );
  }
  const delay = delayText === '' ? 0 : Number(delayText);
  if (delay > 5) throw new LokiHttpError(400, "delay_for can't be greater than 5");
  const limit = readLimit(req.params);
  const start = parseLokiTime(req.params.get('start'), msToNanos(req.nowMs - HOUR_MS));
  const query = compileQuery(req.params.get('query') ?? '');
  if (query.kind !== 'log') throw new LokiHttpError(400, 'only log queries are supported by tail');
  return { query: query.log, delayMs: delay * 1000, limit, start };
}

/**
 * Serves one tail socket: history since `start` in the first frame, then new lines in
 * frames of at most 100, `dropped_entries` only when a slow reader made us drop some, and a
 * close (1011, as Loki) once `tail_max_duration` has passed. With categorize-labels (Loki 3)
 * frames are written as query_range's values are, plus `encodingFlags` (EncodeTailResult).
 */
export function serveTail(socket: WebSocket, req: SimRequest, plan: TailPlan): void {
  const categorized = wantsCategorizedLabels(req);
  const frameOf = (entries: readonly SelectedEntry[]): Record<string, unknown> => ({
    ...(entries.length > 0 ? { streams: toStreams(entries, categorized) } : {}),
    ...(categorized ? { encodingFlags: ['categorize-labels'] } : {}),
  });
  const history = selectEntries(
    req.db,
    req.view,
    plan.query,
    // Read now, not when the request came in: what is pushed from here on goes to onAppend
    // below in the same turn, so a line pushed during the upgrade is neither lost nor doubled.
    { start: plan.start, end: msToNanos(req.options.now() + 1) },
    plan.limit,
    'backward',
  ).reverse();
  if (history.length > 0) socket.send(JSON.stringify(frameOf(history)));

  let pending: SelectedEntry[] = [];
  let dropped: { labels: Labels; timestamp: string }[] = [];
  const onAppend = (stream: Stream, added: readonly StoredEntry[]) => {
    if (!plan.query.matchesStream(stream.labels)) return;
    for (const stored of added) {
      const entry = pick(req.db, stream, stored, plan.query, { lines: 0, bytes: 0 });
      if (!entry) continue;
      if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
        if (dropped.length < MAX_DROPPED_REPORTED) {
          dropped.push({ labels: stream.labels, timestamp: nanos(entry.ms, entry.subNs) });
        }
      } else if (plan.delayMs > 0) {
        setTimeout(() => pending.push(entry), plan.delayMs).unref();
      } else {
        pending.push(entry);
      }
    }
  };
  const unsubscribe = req.view.onAppend(onAppend);
  const flush = setInterval(() => {
    while (pending.length > 0 || dropped.length > 0) {
      const batch = pending.slice(0, MAX_PER_FRAME);
      pending = pending.slice(MAX_PER_FRAME);
      const frame = frameOf(batch);
      if (dropped.length > 0) frame['dropped_entries'] = dropped;
      dropped = [];
      socket.send(JSON.stringify(frame));
    }
  }, FLUSH_MS);
  const ping = setInterval(() => socket.ping(), PING_MS);
  const expire = setTimeout(
    () => socket.close(1011, 'reached tail max duration limit'),
    req.options.tailMaxDurationMs,
  );
  socket.on('close', () => {
    unsubscribe();
    clearInterval(flush);
    clearInterval(ping);
    clearTimeout(expire);
  });
}
