import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isLoopback } from '../../auth/network';
import { isPerson } from '../../auth/principal';
import type { Limits } from '../../config/schema';

/** Only the API costs anything; probes, metrics and the UI's files are never counted. */
const COUNTED = /^\/api\//;

/**
 * The signed-in user, else the client address: sign-in off, and the login requests of people not
 * signed in yet (one shared "signed out" budget would let anyone lock everyone out of login).
 */
export function rateLimitKey(request: FastifyRequest): string {
  return isPerson(request.principal) ? `user:${request.principal.id}` : `addr:${request.ip}`;
}

/**
 * A budget of requests per user and window, so one user (or one runaway dashboard) cannot
 * take the BFF and the backends from everyone else. Above it: 429 with Retry-After.
 *
 * Without sign-in, a loopback client is the machine's own user (or a proxy on the same host
 * carrying several): there is nobody else to protect, and counting them all as one address
 * would throttle every user behind that proxy together.
 */
export async function registerRateLimit(
  app: FastifyInstance,
  limits: Limits['rateLimit'],
  basePath: string,
): Promise<void> {
  await app.register(rateLimit, {
    // After every onRequest hook, sign-in's included: the key is the signed-in user.
    hook: 'preHandler',
    max: limits.max,
    timeWindow: limits.windowMs,
    keyGenerator: rateLimitKey,
    allowList: (request, key) =>
      !COUNTED.test(request.url.slice(basePath.length)) ||
      (key.startsWith('addr:') && isLoopback(request.ip)),
    errorResponseBuilder: (_request, context) =>
      Object.assign(
        new Error(
          `more than ${context.max} requests in ${Math.round(limits.windowMs / 1000)} s; retry in ${context.after}`,
        ),
        { statusCode: context.statusCode },
      ),
  });
}
