import type { ErrorCode } from '../../model';

/** Where audit lines go: stdout in production, a capturing array in tests. */
export interface AuditSink {
  write(line: string): void;
}

export const stdoutSink: AuditSink = {
  write: (line) => void process.stdout.write(`${line}\n`),
};

/**
 * A query longer than this is cut, with `truncated: true`: a 1 MB query pasted a thousand
 * times must not make the audit stream (and Loki's line limit) the bottleneck.
 */
export const MAX_AUDITED_QUERY_BYTES = 8 * 1024;

export type QueryOutcome = 'ok' | 'error' | 'cancelled';

export interface QueryAudit {
  user: string;
  requestId: string;
  route: string;
  datasource: string;
  op: string;
  language?: string;
  query?: string;
  fromMs?: number;
  toMs?: number;
  durationMs: number;
  rows?: number;
  bytesScanned?: number;
  outcome: QueryOutcome;
  errorCode?: ErrorCode;
}

export type ChangeAction = 'create' | 'update' | 'delete' | 'restore' | 'import';

export interface ChangeAudit {
  user: string;
  requestId: string;
  action: ChangeAction;
  kind: string;
  id: string;
  version?: number;
  title?: string;
}

export interface Audit {
  query(entry: QueryAudit): void;
  change(entry: ChangeAudit): void;
}

/** The query's first MAX_AUDITED_QUERY_BYTES of UTF-8, never a split character. */
export function capQuery(query: string): { query: string; truncated?: true } {
  if (Buffer.byteLength(query, 'utf8') <= MAX_AUDITED_QUERY_BYTES) return { query };
  const cut = Buffer.from(query, 'utf8')
    .subarray(0, MAX_AUDITED_QUERY_BYTES)
    .toString('utf8')
    .replace(/\uFFFD$/, '');
  return { query: cut, truncated: true };
}

/**
 * One JSON object per line with flat keys, `"type":"audit"` so a shipper (Promtail, Fluent
 * Bit) can route them apart from the server log, and an ISO time Loki and Elasticsearch
 * both parse. JSON.stringify escapes newlines, so a query with line breaks stays one line.
 */
export function createAudit(options: {
  enabled: boolean;
  sink: AuditSink;
  now: () => number;
}): Audit {
  const write = (event: string, fields: object): void => {
    if (!options.enabled) return;
    const time = new Date(options.now()).toISOString();
    options.sink.write(JSON.stringify({ type: 'audit', event, time, ...fields }));
  };
  return {
    query({ query, ...rest }) {
      write('query', { ...rest, ...(query === undefined ? {} : capQuery(query)) });
    },
    change(entry) {
      write('change', entry);
    },
  };
}
