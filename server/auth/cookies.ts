import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'logsift_session';
/** The OIDC round trip's state, nonce and PKCE verifier, for the ten minutes a sign-in takes. */
export const OIDC_COOKIE = 'logsift_oidc';

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

export interface CookieOptions {
  path: string;
  /** Seconds; 0 deletes the cookie. */
  maxAge: number;
  secure: boolean;
}

/**
 * HttpOnly (scripts never see the session), SameSite=Lax (sent on the provider's top-level
 * redirect back to the callback, never on a cross-site POST or fetch).
 */
export function setCookie(
  reply: FastifyReply,
  name: string,
  value: string,
  options: CookieOptions,
) {
  const attributes = [
    `${name}=${value}`,
    `Path=${options.path}`,
    `Max-Age=${options.maxAge}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(options.secure ? ['Secure'] : []),
  ];
  const existing = reply.getHeader('set-cookie');
  const list =
    existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
  void reply.header('set-cookie', [...list, attributes.join('; ')]);
}

/**
 * Secure whenever the browser reached us over https: directly, through a TLS-terminating proxy
 * that says so in X-Forwarded-Proto, or when the configured public URL is https. Not on plain
 * http: Chromium and Firefox keep a Secure cookie from http://localhost and http://127.0.0.1
 * (they count loopback as a secure context), but Safari does not and no browser keeps one from
 * plain http on a LAN address, so `npm start` on a laptop and the e2e run on http://127.0.0.1
 * would sign in and be signed out at once. A forged X-Forwarded-Proto only makes the cookie
 * stricter, so believing it costs nothing.
 */
export function wantsSecure(request: FastifyRequest, publicUrl: string | undefined): boolean {
  if (publicUrl?.startsWith('https:')) return true;
  if (request.protocol === 'https') return true;
  const forwarded = request.headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first === 'https';
}
