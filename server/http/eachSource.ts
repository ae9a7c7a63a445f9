import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SourceStatus } from '../../model';
import type {
  Datasource,
  DatasourceQuery,
  DatasourceQueryResult,
  ResolvedQuery,
} from '../datasources/datasource';
import type { Runner } from './context';
import { errorBody } from './errors';
import { mergeQueryResults } from './federate';
import { queryForSource } from './federatedQuery';

/** One datasource's part of a federated answer: its value, or why it has none. */
export type SourcePart<T> = { datasource: Datasource; status: SourceStatus } & (
  { ok: true; value: T } | { ok: false; error: unknown }
);

/**
 * Asks every datasource at once, each with the query in a language it speaks and under the
 * runner's limits, and keeps each one's answer or error: one failing source leaves the
 * others' answers standing. The whole takes as long as the slowest source.
 */
export function askEachSource<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  run: Runner,
  datasources: Datasource[],
  op: string,
  req: ResolvedQuery,
  call: (ds: Datasource, req: ResolvedQuery, signal: AbortSignal) => Promise<T>,
  size: (value: T) => number,
): Promise<SourcePart<T>[]> {
  return Promise.all(
    datasources.map(async (ds): Promise<SourcePart<T>> => {
      const started = performance.now();
      let ran: SourceStatus['query'];
      const tookMs = () => Math.round(performance.now() - started);
      try {
        const value = await run(
          reply,
          ds,
          op,
          async (signal) => {
            const { translated, ...asked } = await queryForSource(ds, req, signal);
            if (translated) ran = asked;
            return call(ds, { ...req, ...asked }, signal);
          },
          req,
        );
        const status = { datasource: ds.id, returned: size(value), tookMs: tookMs() };
        return {
          datasource: ds,
          ok: true,
          value,
          status: { ...status, ...(ran ? { query: ran } : {}) },
        };
      } catch (error) {
        const status = {
          datasource: ds.id,
          tookMs: tookMs(),
          error: errorBody(error, request, 'in one source of a federated request'),
        };
        return {
          datasource: ds,
          ok: false,
          error,
          status: { ...status, ...(ran ? { query: ran } : {}) },
        };
      }
    }),
  );
}

/** The answers that came, or the first source's error when none did (as one datasource fails). */
export function answered<T>(parts: SourcePart<T>[]): { datasource: Datasource; value: T }[] {
  const ok = parts.flatMap((p) => (p.ok ? [{ datasource: p.datasource, value: p.value }] : []));
  const [first] = parts;
  if (ok.length === 0 && first && !first.ok) throw first.error;
  return ok;
}

/**
 * One query on several datasources: their records merged by time up to the limit, and each
 * source's status (its translation, its error) in `stats.sources`.
 */
export async function queryEachSource(
  request: FastifyRequest,
  reply: FastifyReply,
  run: Runner,
  datasources: Datasource[],
  req: DatasourceQuery,
): Promise<DatasourceQueryResult> {
  const parts = await askEachSource(
    request,
    reply,
    run,
    datasources,
    'query',
    req,
    (ds, translated, signal) => ds.query({ ...req, ...translated }, signal),
    (result) => result.records.length,
  );
  const merged = mergeQueryResults(
    answered(parts).map((p) => p.value),
    req.limit,
    req.direction,
  );
  return { ...merged, stats: { ...merged.stats, sources: parts.map((p) => p.status) } };
}
