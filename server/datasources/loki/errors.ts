import { LogsiftError, type ErrorCode, type Position } from '../../../model';
import { excerptOf } from '../excerpt';

/** Loki's wording changed across versions, so limits are matched on stable prefixes. */
const LIMIT_PREFIXES = [
  'max entries limit per query exceeded',
  'the query time range exceeds the limit',
  'maximum number of series',
  'the query would read too many bytes',
  'the query hit the max number of chunks limit',
  'max streams matchers per query exceeded',
  '[interval] value exceeds limit',
  'response larger than the max message size',
  'too many outstanding requests',
  'exceeded maximum resolution',
];

const PARSE_AT = /^parse error at line (\d+), col (\d+): /;

/**
 * Loki counts lines and columns from 1 on the query it received; `offset` is how many
 * characters Logsift put before the user's query on the first line (a histogram wrapper).
 */
function positionOf(query: string, line: number, col: number, offset: number): Position {
  const lines = query.split('\n');
  let from = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) from += (lines[i]?.length ?? 0) + 1;
  from += col - 1 - (line === 1 ? offset : 0);
  from = Math.max(0, Math.min(from, query.length));
  const token = /^\S+/.exec(query.slice(from))?.[0].length ?? 0;
  return { from, to: Math.min(query.length, from + Math.max(token, 1)) };
}

/** dskit answers 401; Loki's troubleshooting page lists 400 for the same text. */
const NO_ORG_ID = 'no org id';

function codeOf(status: number, text: string): ErrorCode {
  if (status === 401 || text === NO_ORG_ID) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 413 || status === 429) return 'limit';
  if (status === 499 || status === 504) return 'timeout';
  if (LIMIT_PREFIXES.some((p) => text.startsWith(p))) return 'limit';
  if (status >= 400 && status < 500 && status !== 404) return 'bad_query';
  return 'backend_unavailable';
}

function messageOf(code: ErrorCode, status: number, text: string, path: string): string {
  if (text === NO_ORG_ID) {
    return 'Loki needs a tenant: set tenant in this datasource (sent as X-Scope-OrgID). Loki said: no org id';
  }
  if (status === 404) return `Loki has no ${path} (404): check the datasource url`;
  if (code === 'backend_unavailable')
    return `Loki answered ${status}: ${text || 'no reason given'}`;
  return `Loki: ${text}`;
}

/** Maps a Loki error answer (text/plain, see pkg/util/server/error.go) to the normalized error. */
export function lokiError(
  status: number,
  body: string,
  path: string,
  query?: { text: string; offset: number },
): LogsiftError {
  const text = excerptOf(body);
  const code = codeOf(status, text);
  const at = PARSE_AT.exec(text);
  const position =
    at && query ? positionOf(query.text, Number(at[1]), Number(at[2]), query.offset) : undefined;
  return new LogsiftError(code, messageOf(code, status, text, path), position, {
    status,
    excerpt: text,
  });
}
