import type { Principal } from '../../model';

/** Sign-in is off: one unrestricted identity, so what existed before sign-in stays visible. */
export const ANONYMOUS_PRINCIPAL: Principal = Object.freeze({
  id: 'anonymous',
  name: 'anonymous',
  groups: Object.freeze([]) as unknown as string[],
  unrestricted: true,
});

/** Set on a request allowed without sign-in (health, the SPA, login): it sees nothing restricted. */
export const SIGNED_OUT_PRINCIPAL: Principal = Object.freeze({
  id: 'signed-out',
  name: 'signed out',
  groups: Object.freeze([]) as unknown as string[],
  unrestricted: false,
});

/**
 * Someone told apart from everyone else: neither sign-in off nor not signed in yet. Compared
 * by identity, so a user who happens to be named "anonymous" is still a person.
 */
export function isPerson(principal: Principal): boolean {
  return principal !== ANONYMOUS_PRINCIPAL && principal !== SIGNED_OUT_PRINCIPAL;
}

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * Set by the sign-in hook on every request before any route runs (SIGNED_OUT_PRINCIPAL where
     * none is signed in); routes read it, never the headers.
     */
    principal: Principal;
  }
}
