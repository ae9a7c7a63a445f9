import type { FastifyInstance } from 'fastify';
import type { Principal } from '../../../model';
import type { Datasource } from '../../datasources/datasource';
import type { ServerContext } from '../context';
import { storageStatus } from './settings';

/** Someone in no group: sees only the datasources open to everyone signed in. */
const NOBODY: Principal = { id: 'probe', name: 'probe', groups: [], unrestricted: false };

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

  // One backend down must not take the pod out of its Service: users still need the UI to
  // read the others and to see that one's error. Only when none answers is Logsift not ready.
  // Saved-object storage down only degrades: Explore works without it.
  app.get('/readyz', async (request, reply) => {
    // SIGTERM: out of the Service's endpoints while in-flight requests finish.
    if (ctx.draining()) return reply.code(503).send({ status: 'shutting down' });
    const [checks, storage] = await Promise.all([
      Promise.all(
        ctx.datasources.all().map(async (ds) => [ds.id, await answersInTime(ds)] as const),
      ),
      ctx.store ? storageStatus(ctx) : undefined,
    ]);
    // Every datasource counts towards readiness, but only those this principal may use are
    // named (or make it degraded): a team must not learn which datasources of others exist.
    // The kubelet has no session: if sign-in leaves probes without a principal, none is named.
    const asker = (request.principal as Principal | null) ?? NOBODY;
    const named = new Set(ctx.datasources.list(asker).map((ds) => ds.id));
    const unavailable = checks.filter(([id, ok]) => !ok && named.has(id)).map(([id]) => id);
    const down = unavailable.length === checks.length && checks.length > 0;
    if (storage && !storage.available) unavailable.push('storage');
    if (down) {
      return reply.code(503).send({ status: 'not ready', unavailable });
    }
    return unavailable.length > 0 ? { status: 'degraded', unavailable } : { status: 'ready' };
  });

  app.get('/metrics', async (_request, reply) => {
    const text = await ctx.metrics.registry.metrics();
    return reply.type(ctx.metrics.registry.contentType).send(text);
  });
}
