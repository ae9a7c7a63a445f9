import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { LogsiftError, TailStartSchema, type ApiErrorBody, type TailMessage } from '../../../model';
import type { QueryOutcome } from '../../audit/audit';
import { hasTail, type TailSession } from '../../datasources/datasource';
import type { ServerContext } from '../context';
import { parseWith } from '../errors';

/** A reader this far behind loses lines (counted) instead of growing the server's memory. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/**
 * Pings keep an idle tail (a rare error query) through proxies that close quiet sockets
 * (ingress-nginx after 60 s), and find peers that vanished without a close.
 */
const HEARTBEAT_MS = 25_000;
/** A socket that never says what to tail would hold one of the maxTails slots forever. */
const FIRST_MESSAGE_MS = 10_000;

function errorBody(error: unknown): ApiErrorBody {
  return error instanceof LogsiftError
    ? error.toBody()
    : { code: 'internal', message: 'the tail could not start' };
}

/** A close reason is at most 123 bytes; the error frame before it has the whole message. */
function closeReason(message: string): string {
  let reason = message;
  while (Buffer.byteLength(reason) > 123) reason = reason.slice(0, -1);
  return reason;
}

interface TailSlots {
  open: number;
}

/** One live tail on an upgraded socket: the first message says what, the datasource streams. */
function serveTail(
  socket: WebSocket,
  request: FastifyRequest,
  ctx: ServerContext,
  slots: TailSlots,
): void {
  let session: TailSession | undefined;
  /** The datasource this socket is counted under in the sessions gauge, once its tail started. */
  let counted: string | undefined;
  let dropped = 0;
  let sent = 0;
  /** The tail's audit line: written when it ends, or when it could not start. */
  let audit: ((outcome: QueryOutcome, error?: unknown) => void) | undefined;
  const send = (message: TailMessage): void => {
    if (socket.readyState !== socket.OPEN) return;
    if (message.type === 'records' && socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      dropped += message.records.length;
      ctx.metrics.tailDropped.inc({ datasource: counted ?? 'unknown' }, message.records.length);
      return;
    }
    if (dropped > 0 && message.type === 'records') {
      socket.send(JSON.stringify({ type: 'dropped', count: dropped }));
      dropped = 0;
    }
    if (message.type === 'records') sent += message.records.length;
    socket.send(JSON.stringify(message));
  };
  const fail = (error: unknown, code: number): void => {
    if (!(error instanceof LogsiftError)) request.log.error({ err: error }, 'tail failed');
    const body = errorBody(error);
    send({ type: 'error', error: body });
    socket.close(code, closeReason(body.message));
  };
  if (slots.open >= ctx.limits.maxTails) {
    // Accepted, then closed at once: a browser shows a refused handshake only as 1006,
    // while 1013 "try again later" with the reason tells the user what happened.
    fail(new LogsiftError('limit', `too many live tails (max ${ctx.limits.maxTails})`), 1013);
    return;
  }
  slots.open++;
  const silent = setTimeout(
    () => fail(new LogsiftError('bad_query', 'no tail request within 10 s'), 1008),
    FIRST_MESSAGE_MS,
  );
  let answered = true;
  socket.on('pong', () => (answered = true));
  const heartbeat = setInterval(() => {
    if (!answered) {
      socket.terminate();
      return;
    }
    answered = false;
    socket.ping();
  }, HEARTBEAT_MS);
  socket.once('message', (data: Buffer) => {
    clearTimeout(silent);
    try {
      const start = parseWith(TailStartSchema, JSON.parse(data.toString('utf8')), 'first message');
      const started = performance.now();
      audit = (outcome, error) =>
        ctx.audit.query({
          user: request.principal.id,
          requestId: request.id,
          route: request.routeOptions.url ?? request.url,
          datasource: start.datasource,
          op: 'tail',
          language: start.language,
          query: start.query,
          durationMs: Math.round(performance.now() - started),
          rows: sent,
          outcome,
          ...(error ? { errorCode: error instanceof LogsiftError ? error.code : 'internal' } : {}),
        });
      const ds = ctx.datasources.get(start.datasource, request.principal);
      if (!hasTail(ds)) throw new LogsiftError('unsupported', `${ds.id} has no live tail`);
      session = ds.tail({ language: start.language, query: start.query }, send);
      counted = ds.id;
      ctx.metrics.tailSessions.inc({ datasource: counted });
    } catch (error) {
      audit?.('error', error);
      audit = undefined;
      fail(
        error instanceof SyntaxError
          ? new LogsiftError('bad_query', 'the first message must be JSON')
          : error,
        1008,
      );
    }
  });
  socket.on('close', () => {
    clearTimeout(silent);
    clearInterval(heartbeat);
    session?.close();
    slots.open--;
    if (counted) ctx.metrics.tailSessions.dec({ datasource: counted });
    audit?.('ok');
  });
}

export function registerTailRoute(app: FastifyInstance, ctx: ServerContext): void {
  const slots: TailSlots = { open: 0 };
  app.route({
    method: 'GET',
    url: '/api/v1/tail',
    handler: () => {
      throw new LogsiftError('bad_query', 'open /api/v1/tail as a WebSocket (ws:// or wss://)');
    },
    wsHandler: (socket, request) => serveTail(socket, request, ctx, slots),
  });
}
