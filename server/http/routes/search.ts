import type { FastifyInstance } from 'fastify';
import {
  ExplainRequestSchema,
  FacetsRequestSchema,
  HistogramRequestSchema,
  LogsiftError,
  QueryRequestSchema,
  type ExplainResponse,
  type QueryProgress,
} from '../../../model';
import type { Datasource, QueryPages, ResolvedQuery } from '../../datasources/datasource';
import type { Runner, ServerContext } from '../context';
import { answered, askEachSource, queryEachSource } from '../eachSource';
import { parseWith } from '../errors';
import { queryForSource } from '../federatedQuery';
import { mergeFacets, stackBySource } from '../federate';
import { asPages, sendQueryPages } from '../jsonStream';
import { sendWithProgress, wantsProgress } from '../progressStream';
import { datasourceIds, resolveQuery } from '../resolveQuery';
import { defaultStepMs, MAX_BUCKETS } from '../steps';

/** The chart's step, or one from the range alone; refused where it makes too many bars. */
function histogramStep(range: { fromMs: number; toMs: number }, step: number | undefined): number {
  const span = range.toMs - range.fromMs;
  const stepMs = step ?? defaultStepMs(span);
  if (span / stepMs > MAX_BUCKETS) {
    throw new LogsiftError(
      'limit',
      `step: ${stepMs} ms makes more than ${MAX_BUCKETS} buckets; use a larger step`,
    );
  }
  return stepMs;
}

/** POST query, histogram, facets and explain: one datasource or several (federated). */
export function registerSearchRoutes(app: FastifyInstance, ctx: ServerContext, run: Runner): void {
  app.post('/api/v1/query', async (request, reply) => {
    const body = parseWith(QueryRequestSchema, request.body);
    const resolved = resolveQuery(ctx, body, request.principal);
    const direction = body.direction ?? 'backward';
    const datasources = datasourceIds(body).map((id) => ctx.datasources.get(id, request.principal));
    if (body.cursor && datasources.length > 1) {
      throw new LogsiftError('bad_query', 'cursor: paging works on one datasource at a time');
    }
    const req = { ...resolved, direction, ...(body.cursor ? { cursor: body.cursor } : {}) };
    const answer = async (onProgress?: (p: QueryProgress) => void): Promise<QueryPages> => {
      const [only] = datasources;
      const asked = { ...req, ...(onProgress ? { onProgress } : {}) };
      if (datasources.length === 1 && only) {
        const pageable = only.queryPages?.bind(only);
        if (pageable) return run.pages(reply, only, (signal) => pageable(asked, signal), asked);
        return asPages(
          await run(reply, only, 'query', (signal) => only.query(asked, signal), asked),
        );
      }
      return asPages(await queryEachSource(request, reply, run, datasources, asked));
    };
    if (wantsProgress(request)) return sendWithProgress(request, reply, answer);
    return sendQueryPages(reply, await answer(), body.sets);
  });

  app.post('/api/v1/histogram', async (request, reply) => {
    const body = parseWith(HistogramRequestSchema, request.body);
    const resolved = resolveQuery(ctx, body, request.principal);
    const stepMs = histogramStep(resolved, body.step);
    const datasources = datasourceIds(body).map((id) => ctx.datasources.get(id, request.principal));
    const [only] = datasources;
    if (datasources.length === 1 && only) {
      return run(
        reply,
        only,
        'histogram',
        (signal) => only.histogram({ ...resolved, stepMs }, signal),
        resolved,
      );
    }
    const parts = await askEachSource(
      request,
      reply,
      run,
      datasources,
      'histogram',
      resolved,
      (ds, asked, signal) => ds.histogram({ ...asked, stepMs }, signal),
      (histogram) => histogram.series.length,
    );
    const stacked = stackBySource(
      answered(parts).map((p) => ({ source: p.datasource.id, histogram: p.value })),
    );
    return { ...stacked, sources: parts.map((p) => p.status) };
  });

  app.post('/api/v1/facets', async (request, reply) => {
    const body = parseWith(FacetsRequestSchema, request.body);
    const resolved = resolveQuery(ctx, body, request.principal);
    const asked = {
      ...resolved,
      ...(body.fields ? { fields: body.fields } : {}),
      ...(body.size ? { size: body.size } : {}),
    };
    const datasources = datasourceIds(body).map((id) => ctx.datasources.get(id, request.principal));
    const [only] = datasources;
    if (datasources.length === 1 && only) {
      const facets = await run(
        reply,
        only,
        'facets',
        (signal) => only.facets(asked, signal),
        asked,
      );
      return { facets };
    }
    const parts = await askEachSource(
      request,
      reply,
      run,
      datasources,
      'facets',
      resolved,
      (ds, query, signal) => ds.facets({ ...asked, ...query }, signal),
      (facets) => facets.length,
    );
    const facets = mergeFacets(answered(parts).map((p) => p.value));
    return { facets, sources: parts.map((p) => p.status) };
  });

  app.post('/api/v1/explain', async (request, reply): Promise<ExplainResponse> => {
    const body = parseWith(ExplainRequestSchema, request.body);
    const resolved = resolveQuery(ctx, body, request.principal);
    const direction = body.direction ?? 'backward';
    const stepMs = histogramStep(resolved, body.step);
    const datasources = datasourceIds(body).map((id) => ctx.datasources.get(id, request.principal));
    const explain = (ds: Datasource, asked: ResolvedQuery & { limit: number }) =>
      ds
        .explain({ ...asked, direction, stepMs })
        .map((native) => ({ datasource: ds.id, ...native }));
    const [only] = datasources;
    if (datasources.length === 1 && only) {
      return {
        requests: await run(reply, only, 'explain', async () => explain(only, resolved), resolved),
      };
    }
    // Each source's requests for the query as it would run it; one that cannot run it has
    // none here, and its error in the query's sources.
    const parts = await Promise.all(
      datasources.map((ds) =>
        run(
          reply,
          ds,
          'explain',
          async (signal) => {
            const { language, query } = await queryForSource(ds, resolved, signal);
            return explain(ds, { ...resolved, language, query });
          },
          resolved,
        ).catch(() => []),
      ),
    );
    return { requests: parts.flat() };
  });
}
