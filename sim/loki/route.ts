import type { IncomingHttpHeaders } from 'node:http';
import type { SimDatabase, TenantView } from './database';
import type { ResolvedLokiSimOptions } from './options';

/** A request as the route handlers see it: parameters merged as Go's `r.Form` merges them. */
export interface SimRequest {
  method: string;
  path: string;
  params: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  view: TenantView;
  db: SimDatabase;
  options: ResolvedLokiSimOptions;
  nowMs: number;
}

export type Reply =
  { status: number; json: unknown } | { status: number; text: string } | { status: 204 };

export type Route = (req: SimRequest) => Reply;

export function success(data: unknown): Reply {
  return { status: 200, json: { status: 'success', data } };
}

/** `X-Loki-Response-Encoding-Flags` is a comma-separated list; Loki 2.9 knows none. */
export function wantsCategorizedLabels(req: SimRequest): boolean {
  const header = req.headers['x-loki-response-encoding-flags'];
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return req.options.loki3 && value.split(',').some((f) => f.trim() === 'categorize-labels');
}
