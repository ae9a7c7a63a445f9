import type { FastifyInstance } from 'fastify';
import type { Principal, StatusProblem, StatusResponse } from '../../../model';
import type { ProviderStatus } from '../../auth/oidc';
import type { Datasource } from '../../datasources/datasource';
import type { ServerContext } from '../context';
import { storageStatus } from './settings';

/** A probe must answer even when a backend hangs: silence past this is "not ready". */
const READY_TIMEOUT_MS = 2_000;

/**
 * Every open app asks for /api/v1/status twice a minute: one round of backend checks serves all
 * of them for this long, so many users never turn into many pings of a backend.
 */
const STATUS_MAX_AGE_MS = 5_000;

/** Why the datasource cannot answer now, or undefined when it can. */
function whyNotReady(ds: Datasource): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${READY_TIMEOUT_MS} ms`), READY_TIMEOUT_MS);
  });
  const asked = ds.ready().then(
    (ok) => (ok ? undefined : 'not ready'),
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
  return Promise.race([asked, late]).finally(() => clearTimeout(timer));
}

/**
 * One backend down must not take the pod out of its Service: users still need the UI to read
 * the others and to see that one's error. Only when none answers is Logsift down. Saved-object
 * storage failing only degrades: Explore works without it.
 */
async function checkStatus(
  ctx: ServerContext,
  signInProvider?: () => Promise<ProviderStatus>,
): Promise<StatusResponse> {
  const datasources = ctx.datasources.all();
  const [reasons, storage, provider] = await Promise.all([
    Promise.all(datasources.map(whyNotReady)),
    ctx.store ? storageStatus(ctx) : undefined,
    signInProvider?.(),
  ]);
  const problems: StatusProblem[] = [];
  datasources.forEach((ds, i) => {
    const message = reasons[i];
    if (message !== undefined) {
      problems.push({ component: 'datasource', id: ds.id, name: ds.name, message });
    }
  });
  const down = datasources.length > 0 && problems.length === datasources.length;
  if (storage && !storage.available) {
    problems.push({
      component: 'storage',
      driver: storage.driver,
      message: storage.message ?? 'unavailable',
    });
  }
  // The sign-in provider down only degrades: people signed in go on, health still answers.
  if (provider && !provider.reachable) {
    problems.push({
      component: 'auth',
      issuer: provider.issuer,
      message: provider.problem ?? 'unreachable',
    });
  }
  return { status: down ? 'down' : problems.length > 0 ? 'degraded' : 'ok', problems };
}

function cachedFor(
  maxAgeMs: number,
  ctx: ServerContext,
  signInProvider?: () => Promise<ProviderStatus>,
): () => Promise<StatusResponse> {
  let last: { at: number; answer: Promise<StatusResponse> } | undefined;
  return () => {
    const now = ctx.now();
    if (!last || now - last.at >= maxAgeMs)
      last = { at: now, answer: checkStatus(ctx, signInProvider) };
    return last.answer;
  };
}

/**
 * Every datasource counts towards readiness, but only those this principal may use are named
 * (or make it degraded): a team must not learn which datasources of others exist.
 */
function visibleTo(
  ctx: ServerContext,
  principal: Principal,
  answer: StatusResponse,
): StatusResponse {
  const named = new Set(ctx.datasources.list(principal).map((ds) => ds.id));
  const problems = answer.problems.filter((p) => p.component !== 'datasource' || named.has(p.id));
  if (answer.status === 'down') return { status: 'down', problems };
  return { status: problems.length > 0 ? 'degraded' : 'ok', problems };
}

export function registerHealthRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  signInProvider?: () => Promise<ProviderStatus>,
): void {
  app.get('/healthz', async () => ({ status: 'ok' }));

  // Probes get names only: /readyz is open to anything that reaches the pod, while the reasons
  // (backend addresses, paths) are for signed-in users at /api/v1/status.
  app.get('/readyz', async (request, reply) => {
    // SIGTERM: out of the Service's endpoints while in-flight requests finish.
    if (ctx.draining()) return reply.code(503).send({ status: 'shutting down' });
    const { status, problems } = visibleTo(
      ctx,
      request.principal,
      await checkStatus(ctx, signInProvider),
    );
    const unavailable = problems.map((p) => (p.component === 'datasource' ? p.id : p.component));
    // The provider's address is configuration, not a secret: naming it tells the operator
    // which of several providers to look at.
    const provider = problems.find((p) => p.component === 'auth');
    const auth = provider ? { auth: { issuer: provider.issuer, problem: provider.message } } : {};
    if (status === 'down') {
      return reply.code(503).send({ status: 'not ready', unavailable, ...auth });
    }
    return status === 'degraded'
      ? { status: 'degraded', unavailable, ...auth }
      : { status: 'ready' };
  });

  const status = cachedFor(STATUS_MAX_AGE_MS, ctx, signInProvider);
  app.get('/api/v1/status', async (request): Promise<StatusResponse> =>
    visibleTo(ctx, request.principal, await status()),
  );

  app.get('/metrics', async (_request, reply) => {
    const text = await ctx.metrics.registry.metrics();
    return reply.type(ctx.metrics.registry.contentType).send(text);
  });
}
