import type { IncomingHttpHeaders } from 'node:http';
import { esError } from './errors';
import type { ElasticsearchSimFault, ResolvedElasticsearchSimOptions } from './options';
import type { PitRegistry } from './pit';
import type { Store } from './store';

export interface SimState {
  readonly options: ResolvedElasticsearchSimOptions;
  readonly store: Store;
  readonly pits: PitRegistry;
  fault: ElasticsearchSimFault | undefined;
}

/** A request as route handlers see it; `params` holds the path's captures. */
export interface SimRequest {
  method: string;
  path: string;
  /** Path with its query string, as Elasticsearch names it in security errors. */
  uri: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  raw: string;
  state: SimState;
  params: Record<string, string>;
}

export type Reply = { status: number; json: unknown } | { status: number; empty: true };

export type Handler = (req: SimRequest) => Reply | Promise<Reply>;

export function ok(json: unknown, status = 200): Reply {
  return { status, json };
}

/** The request body as one JSON object; malformed JSON fails as Jackson's parser does. */
export function jsonBody(req: SimRequest): Record<string, unknown> {
  if (req.raw.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(req.raw);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
    throw new SyntaxError('Unexpected token: a JSON object is required at position 0');
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const at = Number(/position (\d+)/.exec(error.message)?.[1] ?? 0);
    const before = req.raw.slice(0, at).split('\n');
    const where = `[${before.length}:${(before.at(-1)?.length ?? 0) + 1}]`;
    throw esError(400, {
      type: 'x_content_parse_exception',
      reason: `${where} ${error.message}`,
      caused_by: { type: 'json_parse_exception', reason: error.message },
    });
  }
}
