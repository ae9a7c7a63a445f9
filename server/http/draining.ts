import type { FastifyInstance } from 'fastify';

/** The reason a live tail is closed with when Logsift stops; the UI shows it. */
export const SHUTDOWN_REASON = 'Logsift is shutting down';
/** RFC 6455 "going away": the server is leaving, the client may reconnect (to another pod). */
const GOING_AWAY = 1001;

/**
 * What app.close() starts with, before the server stops listening: live tails closed with a
 * reason (a tail never ends on its own, so the grace would only run out), and every answer
 * from then on sent with `Connection: close`, so a request still in flight finishes and its
 * keep-alive connection does not hold the process. Returns whether the app is draining, for
 * /readyz. Call it before @fastify/websocket registers: its own preClose closes sockets
 * without a code or reason, and hooks run in the order they were added.
 */
export function drainOnClose(app: FastifyInstance): () => boolean {
  let draining = false;
  app.addHook('preClose', (done) => {
    draining = true;
    for (const socket of app.websocketServer.clients) socket.close(GOING_AWAY, SHUTDOWN_REASON);
    done();
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (draining) reply.header('connection', 'close');
    return payload;
  });
  return () => draining;
}
