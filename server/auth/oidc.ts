import { readFile } from 'node:fs/promises';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as client from 'openid-client';
import type { Principal } from '../../model';
import type { OidcConfig } from './config';
import { OIDC_COOKIE, readCookie, setCookie, wantsSecure } from './cookies';
import type { SessionSigner } from './session';

/** Discovery and the readiness probe give up after this: a probe must answer in time. */
const PROVIDER_TIMEOUT_MS = 2_000;
/** /readyz is polled every few seconds by every kubelet; the provider is asked at most this often. */
const PROBE_CACHE_MS = 5_000;
const ROUND_TRIP_MS = 10 * 60_000;

export interface ProviderStatus {
  issuer: string;
  reachable: boolean;
  problem?: string;
}

interface RoundTrip {
  verifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

export interface Oidc {
  status(): Promise<ProviderStatus>;
  /** The provider's end-session URL, so Sign out ends the provider's session too; if it has one. */
  endSessionUrl(): Promise<string | undefined>;
  register(app: FastifyInstance): void;
}

const causeOf = (error: unknown): string => {
  const err = error as Error & { cause?: unknown };
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `${err.message}${cause}`;
};

/** `sub` is the identity; the rest of the claims only name the person and their groups. */
export function principalFromClaims(
  claims: Record<string, unknown>,
  groupsClaim: string,
): Principal {
  const sub = String(claims['sub']);
  const text = (key: string) => (typeof claims[key] === 'string' ? claims[key] : undefined);
  const raw = claims[groupsClaim];
  const groups = Array.isArray(raw)
    ? raw.filter((g): g is string => typeof g === 'string')
    : typeof raw === 'string'
      ? [raw]
      : [];
  return {
    id: sub,
    name: text('name') ?? text('preferred_username') ?? text('email') ?? sub,
    groups,
    unrestricted: false,
  };
}

/**
 * The way back after sign-in: only a path of this Logsift, never another site (an open
 * redirect would let a link send someone, freshly signed in, anywhere).
 */
export function safeReturnTo(value: unknown, basePath: string): string {
  const home = `${basePath}/`;
  if (typeof value !== 'string' || !value.startsWith(home)) return home;
  if (value.startsWith('//') || value.includes('\\')) return home;
  return value;
}

async function clientSecret(config: OidcConfig): Promise<string | undefined> {
  if (config.clientSecretEnv) {
    const value = process.env[config.clientSecretEnv];
    if (!value) throw new Error(`environment variable ${config.clientSecretEnv} is not set`);
    return value;
  }
  if (config.clientSecretFile) return (await readFile(config.clientSecretFile, 'utf8')).trim();
  return undefined;
}

/**
 * Authorization code + PKCE (S256) + state + nonce. Discovery is retried on demand, so a
 * provider that is down at start (or goes down later) only makes sign-in wait: Logsift starts,
 * /readyz says "degraded" with the cause and the sign-in page says the provider is unreachable.
 */
export function createOidc(
  config: OidcConfig,
  options: {
    basePath: string;
    signer: SessionSigner;
    ttlMs: number;
    log: FastifyBaseLogger;
    now: () => number;
    signIn: (reply: FastifyReply, request: FastifyRequest, principal: Principal) => void;
  },
): Oidc {
  const { basePath, signer, log, now } = options;
  const redirectUri = new URL('auth/oidc/callback', config.publicUrl.replace(/\/?$/, '/'));
  const insecure = new URL(config.issuer).protocol === 'http:';
  let discovered: Promise<client.Configuration> | undefined;
  let probed: { at: number; status: Promise<ProviderStatus> } | undefined;

  const discover = (): Promise<client.Configuration> => {
    discovered ??= (async () => {
      const secret = await clientSecret(config);
      return client.discovery(
        new URL(config.issuer),
        config.clientId,
        secret,
        secret === undefined ? client.None() : undefined,
        {
          timeout: PROVIDER_TIMEOUT_MS / 1000,
          // Only an http:// issuer written in the config (a test's or a cluster-internal one).
          ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
        },
      );
    })().catch((error: unknown) => {
      discovered = undefined;
      throw error;
    });
    return discovered;
  };

  const probe = async (): Promise<ProviderStatus> => {
    try {
      const configuration = await discover();
      const url = new URL(
        '.well-known/openid-configuration',
        configuration.serverMetadata().issuer.replace(/\/?$/, '/'),
      );
      const response = await fetch(url, { signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS) });
      if (!response.ok) throw new Error(`the discovery document answered ${response.status}`);
      await response.body?.cancel();
      return { issuer: config.issuer, reachable: true };
    } catch (error) {
      return { issuer: config.issuer, reachable: false, problem: causeOf(error) };
    }
  };

  const status = (): Promise<ProviderStatus> => {
    if (!probed || now() - probed.at >= PROBE_CACHE_MS) probed = { at: now(), status: probe() };
    return probed.status;
  };

  const cookiePath = `${basePath}/auth/oidc`;
  const fail = (reply: FastifyReply, message: string) =>
    reply.redirect(`${basePath}/?signInError=${encodeURIComponent(message.slice(0, 300))}`);

  return {
    status,
    async endSessionUrl() {
      try {
        const configuration = await discover();
        if (!configuration.serverMetadata().end_session_endpoint) return undefined;
        return client.buildEndSessionUrl(configuration, {
          client_id: config.clientId,
          post_logout_redirect_uri: config.publicUrl,
        }).href;
      } catch {
        return undefined;
      }
    },
    register(app) {
      void status().then((s) => {
        if (!s.reachable)
          log.warn({ issuer: s.issuer }, `OpenID provider unreachable: ${s.problem}`);
      });

      app.get('/auth/oidc/login', async (request, reply) => {
        let configuration: client.Configuration;
        try {
          configuration = await discover();
        } catch {
          probed = undefined;
          return fail(reply, `the sign-in provider ${config.issuer} cannot be reached`);
        }
        const query = request.query as { returnTo?: unknown };
        const trip: RoundTrip = {
          verifier: client.randomPKCECodeVerifier(),
          state: client.randomState(),
          nonce: client.randomNonce(),
          returnTo: safeReturnTo(query.returnTo, basePath),
        };
        const target = client.buildAuthorizationUrl(configuration, {
          redirect_uri: redirectUri.href,
          scope: config.scopes.join(' '),
          code_challenge: await client.calculatePKCECodeChallenge(trip.verifier),
          code_challenge_method: 'S256',
          state: trip.state,
          nonce: trip.nonce,
        });
        setCookie(reply, OIDC_COOKIE, signer.sign(trip, ROUND_TRIP_MS), {
          path: cookiePath,
          maxAge: ROUND_TRIP_MS / 1000,
          secure: wantsSecure(request, config.publicUrl),
        });
        return reply.redirect(target.href);
      });

      app.get('/auth/oidc/callback', async (request, reply) => {
        const trip = signer.verify<RoundTrip>(readCookie(request, OIDC_COOKIE));
        setCookie(reply, OIDC_COOKIE, '', {
          path: cookiePath,
          maxAge: 0,
          secure: wantsSecure(request, config.publicUrl),
        });
        if (!trip)
          return fail(reply, 'the sign-in took too long or was started elsewhere; try again');
        const current = new URL(redirectUri);
        current.search = new URL(request.url, 'http://x').search;
        try {
          const configuration = await discover();
          const tokens = await client.authorizationCodeGrant(configuration, current, {
            pkceCodeVerifier: trip.verifier,
            expectedState: trip.state,
            expectedNonce: trip.nonce,
            idTokenExpected: true,
          });
          const claims: Record<string, unknown> = { ...tokens.claims() };
          if (configuration.serverMetadata().userinfo_endpoint) {
            const info = await client.fetchUserInfo(
              configuration,
              tokens.access_token,
              String(claims['sub']),
            );
            Object.assign(claims, info, { sub: claims['sub'] });
          }
          options.signIn(reply, request, principalFromClaims(claims, config.groupsClaim));
          return reply.redirect(trip.returnTo);
        } catch (error) {
          request.log.warn({ err: error }, 'OpenID sign-in failed');
          return fail(reply, `sign-in failed: ${causeOf(error)}`);
        }
      });
    },
  };
}
