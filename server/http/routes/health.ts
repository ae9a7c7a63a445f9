import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context';

export function registerHealthRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const checks = await Promise.all(
      ctx.datasources
        .list()
        .map(async (ds) => [ds.id, await ds.ready().catch(() => false)] as const),
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
