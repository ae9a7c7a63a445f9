import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../model';

/** Sign-in is off: one unrestricted identity, so what existed before sign-in stays visible. */
export const ANONYMOUS_PRINCIPAL: Principal = Object.freeze({
  id: 'anonymous',
  name: 'anonymous',
  groups: Object.freeze([]) as unknown as string[],
  unrestricted: true,
});

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the sign-in hook before any route runs; routes read it, never the headers. */
    principal: Principal;
  }
}

/** Who asks; the sign-in hook has run for every route, so this is never absent there. */
export function principalOf(request: FastifyRequest): Principal {
  return request.principal;
}
