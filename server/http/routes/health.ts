import type { FastifyInstance } from 'fastify';
import type { ProviderStatus } from '../../auth/oidc';
import type { Datasource } from '../../datasources/datasource';
import type { ServerContext } from '../context';
import { storageStatus } from './settings';

/** A probe must answer even when a backend hangs: silence past this is "not ready". */
const READY_TIMEOUT_MS = 2_000;

function answersInTime(ds: Datasource): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS);
  });
  return Promise.race([ds.ready().catch(() => false), late]).finally(() => clearTimeout(timer));
}

export function registerHealthRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  signInProvider?: () => Promise<ProviderStatus>,
): void {
  app.get('/healthz', async () => ({ status: 'ok' }));

  // One backend down must not take the pod out of its Service: users still need the UI to
  // read the others and to see that one's error. Only when none answers is Logsift not ready.
  // Saved-object storage down only degrades: Explore works without it.
  app.get('/readyz', async (_request, reply) => {
    // SIGTERM: out of the Service's endpoints while in-flight requests finish.
    if (ctx.draining()) return reply.code(503).send({ status: 'shutting down' });
    const [checks, storage, provider] = await Promise.all([
      Promise.all(
        ctx.datasources.list().map(async (ds) => [ds.id, await answersInTime(ds)] as const),
      ),
      ctx.store ? storageStatus(ctx) : undefined,
      signInProvider?.(),
    ]);
    const unavailable = checks.filter(([, ok]) => !ok).map(([id]) => id);
    const down = unavailable.length === checks.length && checks.length > 0;
    if (storage && !storage.available) unavailable.push('storage');
    // The sign-in provider down only degrades: signed-in users go on, health still answers.
    const auth =
      provider && !provider.reachable
        ? { auth: { issuer: provider.issuer, problem: provider.problem } }
        : {};
    if (provider && !provider.reachable) unavailable.push('auth');
    if (down) {
      return reply.code(503).send({ status: 'not ready', unavailable, ...auth });
    }
    return unavailable.length > 0
      ? { status: 'degraded', unavailable, ...auth }
      : { status: 'ready' };
  });

  app.get('/metrics', async (_request, reply) => {
    const text = await ctx.metrics.registry.metrics();
    return reply.type(ctx.metrics.registry.contentType).send(text);
  });
}
