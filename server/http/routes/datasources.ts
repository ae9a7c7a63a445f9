import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  FieldsQuerySchema,
  LogsiftError,
  resolveRange,
  ValuesQuerySchema,
  type DatasourceInfo,
} from '../../../model';
import type { Runner, ServerContext } from '../context';
import { parseWith } from '../errors';

const TargetsQuerySchema = z.strictObject({
  /** Narrows a long list on the backend's side (CloudWatch log group names). */
  prefix: z.string().max(512).optional(),
});

const RecordParamsSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'unknown datasource id'),
  record: z.string().min(1).max(4_096),
});

const IdParamsSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'unknown datasource id'),
});

export function registerDatasourceRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  run: Runner,
): void {
  app.get('/api/v1/datasources', async (request): Promise<DatasourceInfo[]> =>
    ctx.datasources.list(request.principal).map((ds) => ({
      id: ds.id,
      name: ds.name,
      kind: ds.kind,
      languages: [...ds.languages],
      // Said by having the method, so no datasource can claim one it lacks.
      capabilities: { ...ds.capabilities, ...(ds.record ? { record: true } : {}) },
    })),
  );

  const rangeOf = (q: { from?: string | number | undefined; to?: string | number | undefined }) =>
    resolveRange(
      q.from ?? 'now-1h',
      q.to ?? 'now',
      ctx.now(),
      ctx.limits.maxRangeHours * 3_600_000,
    );

  app.get('/api/v1/datasources/:id/fields', async (request, reply) => {
    const { id } = parseWith(IdParamsSchema, request.params, 'path');
    const q = parseWith(FieldsQuerySchema, request.query, 'query string');
    const ds = ctx.datasources.get(id, request.principal);
    const range = rangeOf(q);
    return run(reply, ds, 'fields', (signal) =>
      ds.fields(
        {
          ...range,
          language: q.language ?? ds.languages[0] ?? 'logql',
          ...(q.query ? { query: q.query } : {}),
        },
        signal,
      ),
    );
  });

  app.get('/api/v1/datasources/:id/values', async (request, reply) => {
    const { id } = parseWith(IdParamsSchema, request.params, 'path');
    const q = parseWith(ValuesQuerySchema, request.query, 'query string');
    const ds = ctx.datasources.get(id, request.principal);
    const range = rangeOf(q);
    return run(reply, ds, 'values', (signal) =>
      ds.values(
        {
          ...range,
          field: q.field,
          language: q.language ?? ds.languages[0] ?? 'logql',
          ...(q.query ? { query: q.query } : {}),
        },
        signal,
      ),
    );
  });

  app.get('/api/v1/datasources/:id/targets', async (request, reply) => {
    const { id } = parseWith(IdParamsSchema, request.params, 'path');
    const { prefix } = parseWith(TargetsQuerySchema, request.query, 'query');
    const ds = ctx.datasources.get(id, request.principal);
    const targets = ds.targets?.bind(ds);
    if (!targets) return [];
    return run(reply, ds, 'targets', (signal) => targets(signal, prefix));
  });

  app.get('/api/v1/datasources/:id/records/:record', async (request, reply) => {
    const { id, record } = parseWith(RecordParamsSchema, request.params, 'path');
    const ds = ctx.datasources.get(id, request.principal);
    const fetchRecord = ds.record?.bind(ds);
    if (!fetchRecord) {
      throw new LogsiftError('not_found', `${id} has no records to fetch one by one`);
    }
    return run(reply, ds, 'record', (signal) => fetchRecord(record, signal));
  });
}
