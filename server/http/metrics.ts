import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per app, so tests can build many apps in one process. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    requests: new Counter({
      name: 'logsift_http_requests_total',
      help: 'HTTP requests by route, method and status',
      labelNames: ['route', 'method', 'status'] as const,
      registers: [registry],
    }),
    requestDuration: new Histogram({
      name: 'logsift_http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['route', 'method'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    datasourceDuration: new Histogram({
      name: 'logsift_datasource_query_duration_seconds',
      help: 'Time a datasource took to answer, by operation',
      labelNames: ['datasource', 'op'] as const,
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    queries: new Counter({
      name: 'logsift_datasource_queries_total',
      help: 'Datasource calls by operation and outcome (ok, error, cancelled by the client)',
      labelNames: ['datasource', 'op', 'outcome'] as const,
      registers: [registry],
    }),
    queryErrors: new Counter({
      name: 'logsift_datasource_query_errors_total',
      help: 'Datasource calls that failed, by error code',
      labelNames: ['datasource', 'op', 'code'] as const,
      registers: [registry],
    }),
    bytesScanned: new Counter({
      name: 'logsift_datasource_bytes_scanned_total',
      help: 'Bytes a datasource reported scanning (CloudWatch Logs Insights)',
      labelNames: ['datasource'] as const,
      registers: [registry],
    }),
    linesReturned: new Counter({
      name: 'logsift_datasource_lines_returned_total',
      help: 'Log lines a datasource returned',
      labelNames: ['datasource'] as const,
      registers: [registry],
    }),
    tailDropped: new Counter({
      name: 'logsift_tail_dropped_lines_total',
      help: 'Live tail lines not sent because the client read too slowly',
      labelNames: ['datasource'] as const,
      registers: [registry],
    }),
    tailSessions: new Gauge({
      name: 'logsift_tail_sessions',
      help: 'Open live tail sessions',
      labelNames: ['datasource'] as const,
      registers: [registry],
    }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
