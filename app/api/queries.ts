import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import {
  bucketsForWidth,
  expandSharedSets,
  LogsiftError,
  niceStepMs,
  resolveRange,
  type DatasourceInfo,
  type ExplainResponse,
  type FacetsResponse,
  type Histogram,
  type LogRecord,
  type QueryProgress,
  type QueryResponse,
  type TranslateRequest,
} from '../../model';
import { interpolateVariables, usesBuiltins } from '../../query/variables';
import { timeBuiltins } from './timeBuiltins';
import type { SubmittedQuery } from '../state/exploreStore';
import { ApiRequestError, apiFetch, postJson } from './client';
import { postWithProgress } from './progress';

export const LOG_LIMIT = 1000;

/** What a request is about; `run` only busts caches, so the explain call does without it. */
export type QueryTarget = Omit<SubmittedQuery, 'run'>;

/**
 * The query text the server gets: with a dashboard's variables, `$name` becomes its value quoted
 * for where it stands, while the editor and the URL keep `$name`.
 */
export function sentQuery(
  q: Pick<QueryTarget, 'language' | 'query' | 'variables' | 'from' | 'to'>,
): string {
  const builtin = usesBuiltins(q.query);
  if (!q.variables && !builtin) return q.query;
  try {
    const builtins = builtin ? rangeBuiltins(q.from, q.to) : {};
    return interpolateVariables(q.query, q.language, q.variables ?? {}, builtins);
  } catch (error) {
    // A value the query cannot hold is refused like the server refuses a query: in the error box.
    if (error instanceof LogsiftError) {
      throw new ApiRequestError(400, { code: error.code, message: error.message });
    }
    throw error;
  }
}

function rangeBuiltins(from: string | number, to: string | number) {
  const { fromMs, toMs } = resolveRange(from, to, Date.now(), Number.POSITIVE_INFINITY);
  return timeBuiltins(fromMs, toMs);
}

/** What every query-shaped request sends: the facets calls add their fields and size to it. */
export function requestBody(q: QueryTarget) {
  return {
    datasource: q.also?.length ? [q.datasource, ...q.also] : q.datasource,
    language: q.language,
    query: sentQuery(q),
    from: q.from,
    to: q.to,
    ...(q.target ? { target: q.target } : {}),
    ...(q.targets ? { targets: q.targets } : {}),
  };
}

export interface TargetInfo {
  name: string;
  kind: 'index' | 'alias' | 'data_stream' | 'log_group';
}

/** What a pattern-based datasource searches, names starting with `prefix`; empty for the others. */
export const targetsQuery = (datasource: string, prefix = '') =>
  queryOptions({
    queryKey: ['targets', datasource, prefix],
    queryFn: ({ signal }) =>
      apiFetch<TargetInfo[]>(
        `/api/v1/datasources/${encodeURIComponent(datasource)}/targets${prefix ? `?prefix=${encodeURIComponent(prefix)}` : ''}`,
        { signal },
      ),
    enabled: datasource !== '',
    staleTime: 60_000,
    retry: false,
  });

/** One record in full, from datasources that keep more than a list row shows (CloudWatch). */
export const recordQuery = (datasource: string, id: string) =>
  queryOptions({
    queryKey: ['record', datasource, id],
    queryFn: ({ signal }) =>
      apiFetch<LogRecord>(
        `/api/v1/datasources/${encodeURIComponent(datasource)}/records/${encodeURIComponent(id)}`,
        { signal },
      ),
    retry: false,
    staleTime: Infinity,
  });

export const datasourcesQuery = () =>
  queryOptions({
    queryKey: ['datasources'],
    queryFn: ({ signal }) => apiFetch<DatasourceInfo[]>('/api/v1/datasources', { signal }),
    staleTime: 60_000,
  });

/** Answers asked this large draw their first screen while the rest is still read. */
const EARLY_ROWS_FROM = 5_000;

// Every factory keys on the whole submitted query, so a new Run cancels the old one (signal).
// The first page reports its progress to `onProgress`: queue place and rows so far from a
// datasource that `streamsProgress` (CloudWatch), the first screen of a large answer otherwise.
export const logsQuery = (
  q: SubmittedQuery,
  onProgress?: (p: QueryProgress) => void,
  streamsProgress = false,
) =>
  // eslint-disable-next-line @tanstack/query/exhaustive-deps -- the callback only reports progress; the answer depends on q alone
  infiniteQueryOptions({
    queryKey: ['logs', q],
    queryFn: ({ signal, pageParam }) => {
      const body = {
        ...requestBody(q),
        limit: q.limit ?? LOG_LIMIT,
        ...(pageParam ? { cursor: pageParam } : {}),
      };
      if (onProgress && !pageParam && streamsProgress) {
        return postWithProgress('/api/v1/query', body, onProgress, signal);
      }
      const early =
        onProgress && !pageParam && body.limit >= EARLY_ROWS_FROM
          ? (records: LogRecord[]) =>
              onProgress({
                state: 'running',
                records: expandSharedSets(records),
                stats: { scanned: 0, returned: records.length, tookMs: 0, truncated: true },
              })
          : undefined;
      // Label and field sets once each: half the bytes to read and parse, one object per set.
      const shared = { ...body, sets: 'shared' as const };
      return postJson<QueryResponse>('/api/v1/query', shared, signal, early).then((answer) => ({
        ...answer,
        records: expandSharedSets(answer.records),
      }));
    },
    initialPageParam: undefined as string | undefined,
    // The datasource's cursor continues where the last page stopped: older lines, no repeats.
    getNextPageParam: (last) => last.cursor,
    retry: false,
    staleTime: Infinity,
    // Comparing a refetched answer with the last one walks every record (100,000 of them),
    // and log records are never equal objects across answers anyway.
    structuralSharing: false,
  });

/** A step from the range and the chart's width, resolved at fetch time as `now` moves. */
function stepFor(q: Pick<QueryTarget, 'from' | 'to'>, widthPx: number): { step?: number } {
  try {
    const { fromMs, toMs } = resolveRange(q.from, q.to, Date.now(), Number.POSITIVE_INFINITY);
    return { step: niceStepMs(toMs - fromMs, bucketsForWidth(widthPx)) };
  } catch {
    // An unreadable range is the server's to refuse, with its message.
    return {};
  }
}

export const histogramQuery = (q: SubmittedQuery, widthPx: number) =>
  queryOptions({
    queryKey: ['histogram', q, widthPx],
    queryFn: ({ signal }) =>
      postJson<Histogram>(
        '/api/v1/histogram',
        { ...requestBody(q), ...stepFor(q, widthPx) },
        signal,
      ),
    retry: false,
    staleTime: Infinity,
  });

export const facetsQuery = (q: SubmittedQuery) =>
  queryOptions({
    queryKey: ['facets', q],
    queryFn: ({ signal }) => postJson<FacetsResponse>('/api/v1/facets', requestBody(q), signal),
    retry: false,
    staleTime: Infinity,
  });

/**
 * The native requests behind the log query's first page, as the logs call sends it, and the
 * histogram's at the step a chart this wide asks for.
 */
export const explainQuery = (q: QueryTarget, widthPx: number) =>
  queryOptions({
    queryKey: ['explain', q, widthPx],
    queryFn: ({ signal }) =>
      postJson<ExplainResponse>(
        '/api/v1/explain',
        { ...requestBody(q), limit: q.limit ?? LOG_LIMIT, ...stepFor(q, widthPx) },
        signal,
      ),
    retry: false,
    // While the next answer is on its way the last one stays, so the panel does not flicker.
    placeholderData: keepPreviousData,
  });

/** The query written in another language by the server, or its refusal naming what cannot be. */
export const translateQuery = (req: TranslateRequest) =>
  queryOptions({
    queryKey: ['translate', req],
    queryFn: ({ signal }) => postJson<{ query: string }>('/api/v1/translate', req, signal),
    retry: false,
    staleTime: Infinity,
  });
