import WebSocket from 'ws';
import type { LogsiftError } from '../../../model';
import type { TailSession, TailSink } from '../datasource';
import type { LokiClient } from './client';
import { lokiError } from './errors';
import { compareNs, recordsOf, sortRecords } from './normalize';
import type { LokiStream } from './wire';

const NS_PER_MS = 1_000_000n;
const BACKOFF_MS = [250, 500, 1_000, 2_000, 5_000, 10_000];

export interface LokiTailOptions {
  query: string;
  source: string;
  delayForSeconds: number;
  now?: () => number;
}

interface TailFrame {
  streams?: LokiStream[];
  dropped_entries?: unknown[];
}

/**
 * Follows Loki's tail WebSocket and keeps following across its ends: Loki closes a tail
 * after tail_max_duration (1 h), restarts, or a proxy drops the socket. Each reconnect
 * starts at the newest timestamp sent, and what was sent at that nanosecond is skipped.
 */
export function startLokiTail(
  client: LokiClient,
  opts: LokiTailOptions,
  sink: TailSink,
): TailSession {
  const now = opts.now ?? Date.now;
  let lastTs = String(BigInt(now()) * NS_PER_MS);
  let sentAtLast = new Set<string>();
  let failures = 0;
  let socket: WebSocket | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const deliver = (frame: TailFrame) => {
    const records = recordsOf(frame.streams ?? [], opts.source).filter((r) => {
      const order = compareNs(r.ts, lastTs);
      return order > 0 || (order === 0 && !sentAtLast.has(r.id));
    });
    if (records.length > 0) {
      sortRecords(records, 'forward');
      const newest = records.at(-1)?.ts ?? lastTs;
      if (newest !== lastTs) sentAtLast = new Set();
      lastTs = newest;
      for (const r of records) if (r.ts === lastTs) sentAtLast.add(r.id);
      sink({ type: 'records', records });
    }
    const dropped = frame.dropped_entries?.length ?? 0;
    if (dropped > 0) sink({ type: 'dropped', count: dropped });
  };

  const fail = (error: LogsiftError) => {
    closed = true;
    sink({ type: 'error', error: error.toBody() });
  };

  const reconnect = () => {
    if (closed) return;
    const delay = BACKOFF_MS[Math.min(failures, BACKOFF_MS.length - 1)] ?? 10_000;
    failures++;
    timer = setTimeout(() => void connect(), delay);
  };

  const connect = async () => {
    if (closed) return;
    const url = client.url('tail', {
      query: opts.query,
      delay_for: String(opts.delayForSeconds),
      limit: '1000',
      start: lastTs,
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
    ws.on('open', () => (failures = 0));
    ws.on('message', (data: Buffer) => {
      try {
        deliver(JSON.parse(data.toString('utf8')) as TailFrame);
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
        else reconnect();
      });
    });
    ws.on('error', () => undefined);
    ws.on('close', () => {
      if (socket === ws && !closed) reconnect();
    });
  };

  void connect();
  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      socket?.close();
      socket?.terminate();
    },
  };
}
