import WebSocket from 'ws';
import { LogsiftError, type LogRecord } from '../../../model';
import type { TailSession, TailSink } from '../datasource';
import type { LokiClient } from './client';
import { lokiError } from './errors';
import { compareNs, recordsOf, sortRecords } from './normalize';
import type { TailCatchUp } from './tailCatchUp';
import type { LokiStream } from './wire';

const NS_PER_MS = 1_000_000n;
const BACKOFF_MS = [250, 500, 1_000, 2_000, 5_000, 10_000];
/** A session that lasted this long ended normally, whatever closed it: backoff starts over. */
const HEALTHY_MS = 5_000;
/** Loki's close reason when tail_max_duration ends a session (pkg/querier/tail.go). */
const MAX_DURATION_REASON = 'reached tail max duration limit';

export interface LokiTailOptions {
  query: string;
  source: string;
  delayForSeconds: number;
  /**
   * Lines Loki replays from `start` on a reconnect, newest first: past it the oldest lines of
   * the gap are not sent, so it is as many as one query may ask (max_entries_limit_per_query).
   */
  replayLimit: number;
  /** Fetches what came in during an outage before the tail goes on (see catchUp below). */
  catchUp: TailCatchUp;
  /** Most lines fetched after one outage; the rest of a longer gap is counted as dropped. */
  catchUpLimit: number;
  now?: () => number;
}

/** Errors that a retry would only repeat: the tail stops and says so. */
const FINAL = new Set(['bad_query', 'unauthorized', 'forbidden', 'not_found']);

interface TailFrame {
  streams?: LokiStream[];
  dropped_entries?: unknown[];
}

/** What was sent at the newest nanosecond so far: a reconnect starts there. */
interface Edge {
  ts: string;
  ids: Set<string>;
}

const nsOf = (ms: number) => String(BigInt(ms) * NS_PER_MS);

/**
 * Follows Loki's tail WebSocket and keeps following across its ends: Loki closes a tail
 * after tail_max_duration (1 h), restarts, or a proxy drops the socket. Each reconnect
 * starts at the newest timestamp sent, and what was sent at that nanosecond is skipped.
 * Lines older than those already sent are passed on: Loki sends a late line (a shipper
 * behind, past delay_for) as it gets it, and only a replay can repeat one.
 */
export function startLokiTail(
  client: LokiClient,
  opts: LokiTailOptions,
  sink: TailSink,
): TailSession {
  const now = opts.now ?? Date.now;
  let newest: Edge = { ts: nsOf(now()), ids: new Set() };
  /** Whether a session came before: what Loki took in since is fetched before the next one. */
  let resumed = false;
  const stopped = new AbortController();
  let failures = 0;
  /** An outage is reported once, and cleared when Loki answers again. */
  let failing = false;
  let socket: WebSocket | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  /** Passes records on, oldest first, and moves the edge past them. */
  const send = (records: LogRecord[]) => {
    if (records.length === 0) return;
    for (const r of records) {
      const order = compareNs(r.ts, newest.ts);
      if (order > 0) newest = { ts: r.ts, ids: new Set([r.id]) };
      else if (order === 0) newest.ids.add(r.id);
    }
    sink({ type: 'records', records });
  };

  const deliver = (frame: TailFrame, replayedFrom: Edge) => {
    const records = recordsOf(frame.streams ?? [], opts.source).filter(
      (r) => r.ts !== replayedFrom.ts || !replayedFrom.ids.has(r.id),
    );
    sortRecords(records, 'forward');
    send(records);
    const dropped = frame.dropped_entries?.length ?? 0;
    if (dropped > 0) sink({ type: 'dropped', count: dropped });
  };

  const fail = (error: LogsiftError) => {
    closed = true;
    sink({ type: 'error', error: error.toBody() });
  };

  const reconnect = (error?: LogsiftError) => {
    if (closed) return;
    const delay = BACKOFF_MS[Math.min(failures, BACKOFF_MS.length - 1)] ?? 10_000;
    if (error && !failing) {
      failing = true;
      const retry = `${error.message} (the tail tries again by itself)`;
      sink({
        type: 'error',
        error: new LogsiftError(error.code, retry, undefined, error.backend).toBody(),
      });
    }
    failures++;
    timer = setTimeout(() => void connect(), delay);
  };

  /**
   * The rest of the gap, up to now in whole milliseconds, is counted as dropped, and the tail
   * goes on from where the count ends; `why` it was not fetched, for when Loki cannot count.
   */
  const skipAhead = async (why: string) => {
    const from = BigInt(newest.ts);
    const rangeMs = Math.max(1, Math.ceil(Number(BigInt(now()) * NS_PER_MS - from) / 1e6));
    const until = from + BigInt(rangeMs) * NS_PER_MS;
    newest = { ts: String(until), ids: new Set() };
    const lost = await opts.catchUp
      .count(String(from), rangeMs, stopped.signal)
      .catch(() => undefined);
    if (closed) return;
    if (lost === undefined) {
      const at = (ns: bigint) => new Date(Number(ns / NS_PER_MS)).toISOString();
      const warning = `lines from ${at(from)} to ${at(until)} are not shown: ${why}`;
      sink({ type: 'records', records: [], warnings: [warning] });
    } else if (lost > 0) sink({ type: 'dropped', count: lost });
  };

  /**
   * After an outage, the lines Loki took in meanwhile, fetched by query from the last line
   * sent: Loki's replay on a new socket is only the newest `replayLimit` lines since `start`,
   * so the oldest lines of a longer gap would be lost. Fetched again while a fetch brought
   * many (more came in while it ran), so the replay has only a little left to cover.
   */
  const catchUp = async () => {
    let budget = opts.catchUpLimit;
    for (;;) {
      const { records, more } = await opts.catchUp.fetch(newest, now(), budget, stopped.signal);
      if (closed) return;
      send(records);
      budget -= records.length;
      if (more) {
        return skipAhead(`more than ${opts.catchUpLimit} came in while Loki's tail was away`);
      }
      if (records.length < opts.replayLimit / 2 || budget <= 0) return;
    }
  };

  const connect = async () => {
    if (closed) return;
    if (resumed) {
      try {
        await catchUp();
      } catch (error) {
        if (closed) return;
        const failure =
          error instanceof LogsiftError
            ? error
            : new LogsiftError('backend_unavailable', `cannot reach Loki: ${String(error)}`);
        if (FINAL.has(failure.code)) return fail(failure);
        // Loki refuses a gap this long (max_query_length): counting it is all that is left.
        if (failure.code !== 'limit') return reconnect(failure);
        await skipAhead(failure.message);
      }
      if (closed) return;
    }
    resumed = true;
    // Snapshot: the replay of this session starts at this edge, later lines move `newest`.
    const edge: Edge = { ts: newest.ts, ids: new Set(newest.ids) };
    const url = client.url('tail', {
      query: opts.query,
      delay_for: String(opts.delayForSeconds),
      limit: String(opts.replayLimit),
      start: edge.ts,
    });
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    let headers: Record<string, string>;
    try {
      headers = await client.headers();
    } catch (error) {
      fail(error as LogsiftError);
      return;
    }
    if (closed) return;
    const ws = new WebSocket(url, { headers, ...client.tls, handshakeTimeout: 10_000 });
    socket = ws;
    let openedAt: number | undefined;
    let unreachable: LogsiftError | undefined;
    ws.on('open', () => {
      openedAt = performance.now();
      if (failing) {
        failing = false;
        // An empty batch: the page drops the outage it shows once lines can flow again.
        sink({ type: 'records', records: [] });
      }
    });
    ws.on('message', (data: Buffer) => {
      try {
        deliver(JSON.parse(data.toString('utf8')) as TailFrame, edge);
      } catch {
        // One unreadable frame is not worth the session; the next one may be fine.
      }
    });
    ws.on('unexpected-response', (_req, res) => {
      socket = undefined;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        const error = lokiError(status, Buffer.concat(chunks).toString('utf8'), 'tail', {
          text: opts.query,
          offset: 0,
        });
        // A refused query or tenant stays refused; anything else may pass on a retry.
        ws.terminate();
        if (status >= 400 && status < 500 && status !== 429) fail(error);
        else reconnect(error);
      });
    });
    ws.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ? `${error.code} ` : '';
      unreachable = new LogsiftError(
        'backend_unavailable',
        `cannot reach Loki: ${code}${error.message}`.trim(),
      );
    });
    ws.on('close', (code: number, reason: Buffer) => {
      if (socket !== ws || closed) return;
      const text = reason.toString('utf8');
      const lasted = openedAt !== undefined && performance.now() - openedAt >= HEALTHY_MS;
      if (openedAt !== undefined && (code === 1000 || text === MAX_DURATION_REASON || lasted)) {
        failures = 0;
        reconnect();
        return;
      }
      // Loki writes a tail's own errors (too many tails, ingesters gone) as the close reason.
      reconnect(
        unreachable ??
          new LogsiftError(
            'backend_unavailable',
            text ? `Loki closed the tail: ${text}` : `Loki closed the tail (${code})`,
          ),
      );
    });
  };

  void connect();
  return {
    close() {
      closed = true;
      stopped.abort();
      if (timer) clearTimeout(timer);
      socket?.close();
      socket?.terminate();
    },
  };
}
