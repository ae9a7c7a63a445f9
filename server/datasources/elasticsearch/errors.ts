import { LogsiftError, type ErrorCode } from '../../../model';
import { excerptOf } from '../excerpt';

interface EsCause {
  type?: string;
  reason?: string;
  index?: string;
  caused_by?: EsCause;
  root_cause?: EsCause[];
  failed_shards?: { reason?: EsCause }[];
}

const LUCENE_AT = /at line (\d+), column (\d+)/;

function parse(body: string): EsCause | undefined {
  try {
    const json = JSON.parse(body) as { error?: EsCause | string };
    return typeof json.error === 'string' ? { reason: json.error } : json.error;
  } catch {
    return undefined;
  }
}

function codeOf(status: number, type: string): ErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (type === 'index_not_found_exception') return 'not_found';
  if (type === 'search_context_missing_exception') return 'not_found';
  if (status === 429 || type === 'too_many_buckets_exception') return 'limit';
  if (status === 408 || status === 504) return 'timeout';
  if (status >= 400 && status < 500) return 'bad_query';
  return 'backend_unavailable';
}

/**
 * Elasticsearch's error body (`{"error":{"root_cause":[…],"type","reason"},"status"}`) to the
 * normalized error; the message is `root_cause[0].reason`, as Kibana shows it, made clearer
 * for the cases users meet: a bad query string, a missing index, credentials.
 */
export function esError(
  status: number,
  body: string,
  index: string,
  lucene?: string,
): LogsiftError {
  const error = parse(body);
  const root = error?.root_cause?.[0] ?? error;
  const type = root?.type ?? error?.type ?? '';
  const parseCause = [
    root?.caused_by,
    error?.failed_shards?.[0]?.reason?.caused_by,
    error?.caused_by?.caused_by,
    error?.caused_by,
  ]
    .find((c) => c?.type === 'parse_exception')
    ?.reason?.split('\n')[0];
  let reason = root?.reason ?? error?.reason ?? (excerptOf(body) || `HTTP ${status}`);
  if (type === 'query_shard_exception' && parseCause) reason = `${reason}: ${parseCause}`;
  if (type === 'index_not_found_exception') {
    reason = `no index matches "${index}" (${reason})`;
  }
  const code = codeOf(status, type);
  // A query string the user wrote in Lucene: Lucene's line/column point into it.
  const at = lucene !== undefined && parseCause ? LUCENE_AT.exec(parseCause) : null;
  const from = at ? Math.min(lucene?.length ?? 0, Math.max(0, Number(at[2]) - 1)) : 0;
  const position = at ? { from, to: Math.min(lucene?.length ?? 0, from + 1) } : undefined;
  return new LogsiftError(code, `Elasticsearch: ${reason}`, position, {
    status,
    excerpt: excerptOf(type ? `${type}: ${reason}` : reason),
  });
}
