import type { ServerOptions } from 'node:http';
import type { LogsiftConfig } from '../../config/schema';

/**
 * Timeouts of the HTTP server: a client sending its headers or body a byte at a time
 * (slowloris) is cut when `headersMs` or `requestMs` is over, a kept-alive connection when
 * `keepAliveMs` is, a silent socket when `idleMs` is. Keep-alive outlives the 60 s an
 * ingress-nginx or a load balancer keeps its upstream connections, so they close first and
 * never send on a socket we are closing. The idle timeout never cuts a query still within
 * its deadline (a CloudWatch query may be silent until it ends). WebSockets are not cut:
 * the upgrade clears the socket's timeout and the tail's pings find dead peers.
 */
export function serverTimeouts(server: LogsiftConfig['server']): {
  requestTimeout: number;
  keepAliveTimeout: number;
  connectionTimeout: number;
  http: ServerOptions;
} {
  const t = server.timeouts;
  const requestMs = Math.max(t.requestMs, t.headersMs);
  return {
    requestTimeout: requestMs,
    keepAliveTimeout: t.keepAliveMs,
    connectionTimeout: Math.max(t.idleMs, server.limits.queryTimeoutMs + 5_000),
    http: {
      headersTimeout: t.headersMs,
      requestTimeout: requestMs,
      // Node looks for expired headers and requests this often (30 s by default).
      connectionsCheckingInterval: Math.min(1_000, t.headersMs),
    },
  };
}
