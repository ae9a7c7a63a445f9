import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  LogsiftError,
  type AuthMode,
  type MeResponse,
  type Principal,
  type SignInNeeded,
} from '../../model';
import { DetailedError } from '../http/errors';
import type { AuthConfig } from './config';
import { SESSION_COOKIE, readCookie, setCookie, wantsSecure } from './cookies';
import { isLoopback } from './network';
import { createOidc, type ProviderStatus } from './oidc';
import { ANONYMOUS_PRINCIPAL, SIGNED_OUT_PRINCIPAL } from './principal';
import { proxyPrincipal } from './proxy';
import { createSigner, sessionSecret } from './session';
import { userDirectory } from './users';

const LOOPBACK_ONLY =
  'Logsift has no auth.mode in its config, so it answers only on this machine (loopback, not through a proxy). An admin sets auth.mode: users, proxy or oidc to sign people in, or mode: none to open it to everyone who can reach it.';

/**
 * A proxy on the same machine (nginx, a mesh sidecar that connects from 127.0.0.6) makes every
 * client look local; the headers it adds say the request came from elsewhere.
 */
const forwarded = (request: FastifyRequest): boolean =>
  ['x-forwarded-for', 'forwarded', 'x-real-ip'].some((h) => request.headers[h] !== undefined);

/**
 * DNS rebinding: a page on another site can point its own name at 127.0.0.1 and read a
 * loopback-only Logsift with the user's browser. Such requests name that site in Host.
 */
const LOOPBACK_HOST = /^(localhost|[^:]*\.localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?$/i;
const loopbackHost = (request: FastifyRequest): boolean =>
  LOOPBACK_HOST.test(request.headers.host ?? '');

const LOOPBACK_HOST_ONLY =
  'Logsift has no auth.mode in its config, so it answers only when opened as localhost, 127.0.0.1 or [::1] on this machine. An admin sets auth.mode to serve it under another name.';

interface SessionPayload {
  id?: unknown;
  name?: unknown;
  groups?: unknown;
}

export interface Auth {
  /** The onRequest hook: sets `request.principal`, or refuses a route that needs sign-in. */
  hook(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined>;
  /** Registers the auth routes in the base path's scope. */
  register(scope: FastifyInstance): void;
  /** The sign-in provider's state for /readyz; undefined when there is none to reach. */
  providerStatus?: () => Promise<ProviderStatus>;
}

/**
 * Routes that need sign-in: the API (but its own auth routes) and short links. Decided on
 * the matched route's pattern, not the raw URL, so no encoding of a path can slip past.
 */
function needsSignIn(pattern: string | undefined, basePath: string): boolean {
  if (!pattern?.startsWith(basePath)) return false;
  const path = pattern.slice(basePath.length);
  if (path.startsWith('/api/v1/auth/')) return false;
  return path.startsWith('/api/v1/') || path.startsWith('/s/');
}

export async function createAuth(
  config: AuthConfig,
  options: { basePath: string; log: FastifyBaseLogger; now: () => number },
): Promise<Auth> {
  const { basePath, now } = options;
  const mode: AuthMode = config.mode ?? 'none';
  const signs = mode === 'users' || mode === 'oidc';
  const signer = signs
    ? createSigner(await sessionSecret(config.session, options.log), now)
    : undefined;
  const ttlMs = config.session.ttlHours * 3_600_000;
  const publicUrl = config.oidc?.publicUrl;
  const cookiePath = basePath || '/';

  const signIn = (reply: FastifyReply, request: FastifyRequest, principal: Principal) => {
    if (!signer) return;
    const { id, name, groups } = principal;
    setCookie(reply, SESSION_COOKIE, signer.sign({ id, name, groups }, ttlMs), {
      path: cookiePath,
      maxAge: Math.floor(ttlMs / 1000),
      secure: wantsSecure(request, publicUrl),
    });
  };
  const signOut = (reply: FastifyReply, request: FastifyRequest) =>
    setCookie(reply, SESSION_COOKIE, '', {
      path: cookiePath,
      maxAge: 0,
      secure: wantsSecure(request, publicUrl),
    });

  if (config.mode === undefined) {
    options.log.warn(
      'auth.mode is not set: Logsift answers only clients on this machine; set auth.mode to open it',
    );
  }
  const directory = config.users ? userDirectory(config.users) : undefined;
  const fromProxy = config.proxy ? proxyPrincipal(config.proxy) : undefined;
  const oidc =
    mode === 'oidc' && config.oidc && signer
      ? createOidc(config.oidc, { basePath, signer, ttlMs, log: options.log, now, signIn })
      : undefined;

  const session = (request: FastifyRequest) =>
    signer?.verify<SessionPayload>(readCookie(request, SESSION_COOKIE));

  const resolve = (request: FastifyRequest): Principal | undefined => {
    switch (config.mode) {
      case undefined:
        if (!isLoopback(request.socket.remoteAddress) || forwarded(request)) {
          throw new LogsiftError('forbidden', LOOPBACK_ONLY);
        }
        if (!loopbackHost(request)) throw new LogsiftError('forbidden', LOOPBACK_HOST_ONLY);
        return ANONYMOUS_PRINCIPAL;
      case 'none':
        return ANONYMOUS_PRINCIPAL;
      case 'users':
        return directory?.principal(session(request)?.id);
      case 'proxy':
        return fromProxy?.(request);
      case 'oidc': {
        const payload = session(request);
        if (typeof payload?.id !== 'string' || !Array.isArray(payload.groups)) return undefined;
        return {
          id: payload.id,
          name: typeof payload.name === 'string' ? payload.name : payload.id,
          groups: payload.groups.filter((g): g is string => typeof g === 'string'),
          unrestricted: false,
        };
      }
    }
  };

  const signInNeeded = async (): Promise<DetailedError> => {
    const details: SignInNeeded = { mode };
    if (oidc && config.oidc) {
      const status = await oidc.status();
      details.signInPath = '/auth/oidc/login';
      details.provider = {
        name: config.oidc.providerName,
        reachable: status.reachable,
        ...(status.problem ? { problem: status.problem } : {}),
      };
    }
    const message =
      mode === 'proxy'
        ? 'the auth proxy named no user: sign in through it'
        : 'sign in to use Logsift';
    return new DetailedError('unauthorized', message, { signIn: details });
  };

  return {
    async hook(request, reply) {
      const guarded = needsSignIn(request.routeOptions.url, basePath);
      let principal: Principal | undefined;
      try {
        principal = resolve(request);
      } catch (error) {
        if (guarded) throw error;
      }
      request.principal = principal ?? SIGNED_OUT_PRINCIPAL;
      if (principal || !guarded) return undefined;
      // A short link opened while signed out: to sign-in, then on to the link (not a JSON 401).
      if (request.method === 'GET' && request.routeOptions.url?.startsWith(`${basePath}/s/`)) {
        const back = encodeURIComponent(request.url);
        const to = oidc
          ? `${basePath}/auth/oidc/login?returnTo=${back}`
          : `${basePath}/?returnTo=${back}`;
        return reply.redirect(to);
      }
      throw await signInNeeded();
    },

    register(scope) {
      scope.get('/api/v1/auth/me', async (request): Promise<MeResponse> => {
        const principal = resolve(request);
        if (!principal) throw await signInNeeded();
        return { mode, user: principal };
      });
      scope.post('/api/v1/auth/logout', async (request, reply) => {
        signOut(reply, request);
        // Without the provider's own sign-out, "Sign in with …" would come straight back in.
        const redirect = await oidc?.endSessionUrl();
        return redirect ? { redirect } : reply.code(204).send();
      });
      if (mode === 'users') directory?.register(scope, signIn);
      oidc?.register(scope);
    },

    ...(oidc ? { providerStatus: oidc.status } : {}),
  };
}
