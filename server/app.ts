import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { createAudit, stdoutSink, type AuditSink } from './audit/audit';
import { ANONYMOUS_PRINCIPAL } from './auth/principal';
import { createAuth } from './auth/signIn';
import type { LogsiftConfig } from './config/schema';
import type { DatasourceRegistry } from './datasources/registry';
import { createRunner, type ServerContext } from './http/context';
import { drainOnClose } from './http/draining';
import { handleError, sendNotFound } from './http/errors';
import { registerOriginCheck } from './http/hardening/origin';
import { registerRateLimit } from './http/hardening/rateLimit';
import { serverTimeouts } from './http/hardening/timeouts';
import { parseJsonBody } from './http/jsonBody';
import { loggerOptions, type LogStream } from './http/logging';
import { createMetrics } from './http/metrics';
import { registerContextRoute } from './http/routes/context';
import { registerDashboardRoutes } from './http/routes/dashboards';
import { registerDatasourceRoutes } from './http/routes/datasources';
import { registerDownloadRoute } from './http/routes/download';
import { registerHealthRoutes } from './http/routes/health';
import { registerLinkRoutes } from './http/routes/links';
import { registerSavedQueryRoutes } from './http/routes/savedQueries';
import { registerSearchRoutes } from './http/routes/search';
import { registerSettingsRoute } from './http/routes/settings';
import { registerSpa } from './http/routes/spa';
import { registerTailRoute } from './http/routes/tail';
import { registerTranslateRoute } from './http/routes/translate';
import type { SavedStore } from './store/store';

export interface AppOptions {
  config: LogsiftConfig;
  datasources: DatasourceRegistry;
  /** The built SPA (dist/public); without it only the API is served. */
  staticDir?: string;
  now?: () => number;
  /** JSON lines on stdout, or on the stream given (tests). */
  logger?: boolean | { stream: LogStream };
  /** Where audit lines go; stdout when absent. */
  auditSink?: AuditSink;
  /** Saved queries, dashboards, short links; without it their routes answer 503. The caller closes it. */
  store?: SavedStore;
}

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'self'; frame-ancestors 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'SAMEORIGIN',
};

/** Builds the BFF without listening: tests drive it with inject(), main.ts listens. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const limits = options.config.server.limits;
  const app = Fastify({
    logger: options.logger
      ? loggerOptions(options.logger === true ? undefined : options.logger.stream)
      : false,
    // Requests arriving while SIGTERM drains are still served (with Connection: close), and
    // /readyz says "shutting down" itself.
    return503OnClosing: false,
    bodyLimit: limits.maxBodyBytes,
    ...serverTimeouts(options.config.server),
  });
  const draining = drainOnClose(app);
  const now = options.now ?? Date.now;
  const ctx: ServerContext = {
    config: options.config,
    limits,
    datasources: options.datasources,
    metrics: createMetrics(),
    audit: createAudit({
      enabled: options.config.audit.enabled,
      sink: options.auditSink ?? stdoutSink,
      now,
    }),
    draining,
    now,
    ...(options.store ? { store: options.store } : {}),
  };
  const run = createRunner(ctx);
  const basePath = options.config.server.basePath ?? '';

  app.setErrorHandler(handleError);
  if (basePath) app.setNotFoundHandler(sendNotFound);
  // Only JSON bodies: a cross-site form can send text/plain without a preflight (CSRF).
  app.removeContentTypeParser('text/plain');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.decorateRequest('principal', null as unknown as typeof ANONYMOUS_PRINCIPAL);
  const auth = await createAuth(options.config.auth, { basePath, log: app.log, now });
  await registerRateLimit(app, limits.rateLimit, basePath);
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.headers(SECURITY_HEADERS);
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const labels = { route, method: request.method };
    ctx.metrics.requests.inc({ ...labels, status: String(reply.statusCode) });
    ctx.metrics.requestDuration.observe(labels, reply.elapsedTime / 1000);
  });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  // After the WebSocket plugin's own hook, so a refused upgrade's socket is still closed by it.
  app.addHook('onRequest', auth.hook);
  registerOriginCheck(app, options.config.server.allowedOrigins);

  await app.register(
    async (scope) => {
      registerHealthRoutes(scope, ctx, auth.providerStatus);
      auth.register(scope);
      registerDatasourceRoutes(scope, ctx, run);
      registerSearchRoutes(scope, ctx, run);
      registerDownloadRoute(scope, ctx, run);
      registerContextRoute(scope, ctx, run);
      registerTranslateRoute(scope);
      registerTailRoute(scope, ctx);
      registerSavedQueryRoutes(scope, ctx);
      registerDashboardRoutes(scope, ctx);
      registerLinkRoutes(scope, ctx);
      registerSettingsRoute(scope, ctx);
      const spa = options.staticDir ? await registerSpa(scope, options.staticDir, basePath) : false;
      if (!spa) scope.setNotFoundHandler(sendNotFound);
    },
    { prefix: basePath },
  );
  return app;
}
