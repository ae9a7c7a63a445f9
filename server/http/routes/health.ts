import type { FastifyInstance } from 'fastify';
import type { Datasource } from '../../datasources/datasource';
import type { ServerContext } from '../context';

/** A probe must answer even when a backend hangs: silence past this is "not ready". */
const READY_TIMEOUT_MS = 2_000;

function answersInTime(ds: Datasource): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS);
  });
  return Promise.race([ds.ready().catch(() => false), late]).finally(() => clearTimeout(timer));
}

export function registerHealthRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const checks = await Promise.all(
      ctx.datasources.list().map(async (ds) => [ds.id, await answersInTime(ds)] as const),
    );
    const notReady = checks.filter(([, ok]) => !ok).map(([id]) => id);
    if (notReady.length > 0)
      return reply.code(503).send({ status: 'not ready', datasources: notReady });
    return { status: 'ready' };
  });

  app.get('/metrics', async (_request, reply) => {
    const text = await ctx.metrics.registry.metrics();
    return reply.type(ctx.metrics.registry.contentType).send(text);
  });
}
