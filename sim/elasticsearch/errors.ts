/** One cause as Elasticsearch serialises it: type, reason, then its own extra keys. */
export interface Cause {
  type: string;
  reason: string | null;
  [key: string]: unknown;
}

/** An answer Elasticsearch gives as an error; `body` is the whole JSON it sends. */
export class EsError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(typeof body === 'object' ? JSON.stringify(body) : String(body));
    this.name = 'EsError';
  }
}

/** `{"error":{root_cause, ...cause},"status"}`: the root causes drop their own `caused_by`. */
export function esError(status: number, cause: Cause, roots?: Cause[]): EsError {
  const root: Cause = { ...cause };
  delete root.caused_by;
  return new EsError(status, { error: { root_cause: roots ?? [root], ...cause }, status });
}

/** The node every shard lives on: one stable id, as a single-node cluster has. */
export const NODE_ID = 'sImNoDe0QvKq1zgfVLxEsA';

/**
 * What a search answers when every shard failed the same way: grouped per index, the first
 * cause repeated as `caused_by`, with the status of that cause.
 */
export function allShardsFailed(status: number, indices: string[], reason: Cause): EsError {
  const shards = indices.length > 0 ? indices : [null];
  return esError(
    status,
    {
      type: 'search_phase_execution_exception',
      reason: 'all shards failed',
      phase: 'query',
      grouped: true,
      failed_shards: shards.map((index) => ({
        shard: index === null ? -1 : 0,
        index,
        ...(index === null ? {} : { node: NODE_ID }),
        reason,
      })),
      caused_by: reason,
    },
    [reason],
  );
}

export function indexNotFound(name: string): EsError {
  return esError(404, {
    type: 'index_not_found_exception',
    reason: `no such index [${name}]`,
    'resource.type': 'index_or_alias',
    'resource.id': name,
    index_uuid: '_na_',
    index: name,
  });
}

/** Line and column (1-based) of the first `"key"` in the request body, as Jackson reports. */
export function positionOf(raw: string, key: string): { line: number; col: number } {
  const at = raw.indexOf(`"${key}"`);
  if (at < 0) return { line: 1, col: 1 };
  const before = raw.slice(0, at + key.length + 2);
  const lines = before.split('\n');
  return { line: lines.length, col: (lines.at(-1)?.length ?? 0) + 1 };
}

export function parsingError(reason: string, raw: string, key: string, cause?: Cause): EsError {
  const { line, col } = positionOf(raw, key);
  return esError(400, {
    type: 'parsing_exception',
    reason,
    line,
    col,
    ...(cause ? { caused_by: cause } : {}),
  });
}

export function unknownQuery(name: string, raw: string): EsError {
  const { line, col } = positionOf(raw, name);
  return parsingError(`unknown query [${name}]`, raw, name, {
    type: 'named_object_not_found_exception',
    reason: `[${line}:${col}] unknown field [${name}]`,
  });
}

export function illegalArgument(reason: string): EsError {
  return esError(400, { type: 'illegal_argument_exception', reason });
}

export function validationFailed(...problems: string[]): EsError {
  const reason = `Validation Failed: ${problems.map((p, i) => `${i + 1}: ${p};`).join('')}`;
  return esError(400, { type: 'action_request_validation_exception', reason });
}

/** A failure while running a search on the shards (bad field use, bad query text). */
export function shardQueryError(indices: string[], reason: string, cause?: Cause): EsError {
  return allShardsFailed(400, indices, {
    type: 'query_shard_exception',
    reason,
    index_uuid: 'sImUlAtEdInDeXuUiD0000',
    index: indices[0] ?? null,
    ...(cause ? { caused_by: cause } : {}),
  });
}

const TEXT_FIELDDATA = (field: string) =>
  `Text fields are not optimised for operations that require per-document field data like aggregations and sorting, so these operations are disabled by default. Please use a keyword field instead. Alternatively, set fielddata=true on [${field}] in order to load field data by uninverting the inverted index. Note that this can use significant memory.`;

export function textFielddata(indices: string[], field: string): EsError {
  return allShardsFailed(400, indices, {
    type: 'illegal_argument_exception',
    reason: TEXT_FIELDDATA(field),
  });
}

/** What both distributions answer for a path or method they have no handler for. */
export function noHandler(path: string, method: string): EsError {
  return new EsError(400, { error: `no handler found for uri [${path}] and method [${method}]` });
}

export function wrongMethod(path: string, method: string, allowed: string[]): EsError {
  return new EsError(405, {
    error: `Incorrect HTTP method for uri [${path}] and method [${method}], allowed: [${allowed.join(', ')}]`,
    status: 405,
  });
}

/** The error type a fault's status stands for when the fault gives no body. */
export function faultError(status: number): EsError {
  const byStatus: Record<number, Cause> = {
    401: { type: 'security_exception', reason: 'missing authentication credentials' },
    403: { type: 'security_exception', reason: 'action is unauthorized' },
    429: {
      type: 'es_rejected_execution_exception',
      reason: 'rejected execution of coordinating operation',
    },
    503: {
      type: 'cluster_block_exception',
      reason: 'blocked by: [SERVICE_UNAVAILABLE/1/state not recovered / initialized];',
    },
  };
  return esError(
    status,
    byStatus[status] ?? { type: 'exception', reason: `simulated status ${status}` },
  );
}
