import type { FastifyInstance } from 'fastify';
import {
  DEFAULT_LIMIT,
  FacetsRequestSchema,
  HistogramRequestSchema,
  LogsiftError,
  QueryRequestSchema,
  resolveRange,
  type ExplainResponse,
  type QueryProgress,
  type QueryRequest,
} from '../../../model';
import type { QueryPages, ResolvedQuery } from '../../datasources/datasource';
import type { Runner, ServerContext } from '../context';
import { parseWith } from '../errors';
import { mergeFacets, mergeHistograms, mergeQueryResults } from '../federate';
import { asPages, sendQueryPages } from '../jsonStream';
import { sendWithProgress, wantsProgress } from '../progressStream';
import { defaultStepMs, MAX_BUCKETS } from '../steps';

function datasourceIds(req: QueryRequest): string[] {
  return Array.isArray(req.datasource) ? [...new Set(req.datasource)] : [req.datasource];
}

function resolve(ctx: ServerContext, req: QueryRequest): ResolvedQuery & { limit: number } {
  const { fromMs, toMs } = resolveRange(
    req.from,
    req.to,
    ctx.now(),
    ctx.limits.maxRangeHours * 3_600_000,
  );
  const limit = req.limit ?? DEFAULT_LIMIT;
  if (limit > ctx.limits.maxLimit) {
    throw new LogsiftError(
      'limit',
      `limit: ${limit} is over the maximum of ${ctx.limits.maxLimit}`,
    );
  }
  return {
    language: req.language,
    query: req.query,
    fromMs,
    toMs,
    limit,
    ...(req.target ? { target: req.target } : {}),
    ...(req.targets ? { targets: req.targets } : {}),
  };
}

/** POST query, histogram, facets and explain: one datasource or several (federated). */
export function registerSearchRoutes(app: FastifyInstance, ctx: ServerContext, run: Runner): void {
  app.post('/api/v1/query', async (request, reply) => {
    const body = parseWith(QueryRequestSchema, request.body);
    const resolved = resolve(ctx, body);
    const direction = body.direction ?? 'backward';
    const datasources = datasourceIds(body).map((id) => ctx.datasources.get(id));
    if (body.cursor && datasources.length > 1) {
      throw new LogsiftError('bad_query', 'cursor: paging works on one datasource at a time');
    }
    const req = { ...resolved, direction, ...(body.cursor ? { cursor: body.cursor } : {}) };
    const answer = async (onProgress?: (p: QueryProgress) => void): Promise<QueryPages> => {
      const [only] = datasources;
      if (datasources.length === 1 && only?.queryPages) {
        const pageable = only.queryPages.bind(only);
        return run.pages(reply, only, (signal) =>
          pageable({ ...req, ...(onProgress ? { onProgress } : {}) }, signal),
        );
      }
      const results = await Promise.all(
        datasources.map((ds) =>
          run(reply, ds, 'query', (signal) =>
            ds.query({ ...req, ...(onProgress ? { onProgress } : {}) }, signal),
          ),
        ),
      );
      return asPages(mergeQueryResults(results, resolved.limit, direction));
    };
    if (wantsProgress(request)) return sendWithProgress(request, reply, answer);
    return sendQueryPages(reply, await answer());
  });

  app.post('/api/v1/histogram', async (request, reply) => {
    const body = parseWith(HistogramRequestSchema, request.body);
    const resolved = resolve(ctx, body);
    const range = resolved.toMs - resolved.fromMs;
    const stepMs = body.step ?? defaultStepMs(range);
    if (range / stepMs > MAX_BUCKETS) {
      throw new LogsiftError(
        'limit',
        `step: ${stepMs} ms makes more than ${MAX_BUCKETS} buckets; use a larger step`,
      );
    }
    const histograms = await Promise.all(
      datasourceIds(body).map((id) => {
        const ds = ctx.datasources.get(id);
        return run(reply, ds, 'histogram', (signal) =>
          ds.histogram({ ...resolved, stepMs }, signal),
        );
      }),
    );
    return mergeHistograms(histograms);
  });

  app.post('/api/v1/facets', async (request, reply) => {
    const body = parseWith(FacetsRequestSchema, request.body);
    const resolved = resolve(ctx, body);
    const lists = await Promise.all(
      datasourceIds(body).map((id) => {
        const ds = ctx.datasources.get(id);
        return run(reply, ds, 'facets', (signal) =>
          ds.facets(
            {
              ...resolved,
              ...(body.fields ? { fields: body.fields } : {}),
              ...(body.size ? { size: body.size } : {}),
            },
            signal,
          ),
        );
      }),
    );
    return { facets: mergeFacets(lists) };
  });

  app.post('/api/v1/explain', async (request): Promise<ExplainResponse> => {
    const body = parseWith(QueryRequestSchema, request.body);
    const resolved = resolve(ctx, body);
    const direction = body.direction ?? 'backward';
    return {
      requests: datasourceIds(body).flatMap((id) =>
        ctx.datasources
          .get(id)
          .explain({ ...resolved, direction })
          .map((native) => ({ datasource: id, ...native })),
      ),
    };
  });
}
