import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type OriginVerdict = { ok: true } | { ok: false; reason: string };

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * Whether a request comes from one of Logsift's own pages. Own means the host the request was
 * sent to (so an Ingress or a NodePort works without configuration) or a configured origin.
 *
 * The scheme is not compared: behind a TLS-terminating Ingress the page is https while the
 * request reaches us as http, and a page on the same host over the other scheme is the same
 * operator's. A browser cannot forge Host for a request to us: it is the host it sends to.
 * X-Forwarded-Host counts too, for a proxy that rewrites Host (nginx does by default): a
 * page cannot set it on a cross-site write without a CORS preflight we never grant, nor on
 * a WebSocket handshake at all, and a client that is not a page forges nothing by it.
 *
 * Browsers send Origin on every cross-origin request that writes and on every WebSocket
 * handshake; where an old one leaves it out, Sec-Fetch-Site or Referer still tell. A request
 * with none of the three does not come from a page (curl, scripts, tests): it carries no
 * victim's cookies, so it cannot be a forgery, and API use by tools keeps working.
 */
export function checkOrigin(
  headers: IncomingHttpHeaders,
  allowed: readonly string[],
): OriginVerdict {
  const forwarded = headers['x-forwarded-host'];
  const hosts = [headers.host, ...(typeof forwarded === 'string' ? forwarded.split(',') : [])]
    .map((h) => h?.trim())
    .filter((h): h is string => !!h);
  const own = (url: string): boolean => {
    const origin = originOf(url);
    const host = hostOf(url);
    return (
      (origin !== undefined && allowed.includes(origin)) ||
      (host !== undefined && hosts.includes(host))
    );
  };
  const origin = headers.origin;
  if (origin !== undefined) {
    // "null" is what sandboxed frames, file: pages and some redirects send: never ours.
    return own(origin) ? { ok: true } : { ok: false, reason: `Origin ${origin} is not Logsift's` };
  }
  const site = headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') {
    return { ok: false, reason: `a ${site} request (Sec-Fetch-Site) is not Logsift's` };
  }
  if (site === 'same-origin' || site === 'none') return { ok: true };
  const referer = headers.referer;
  if (referer !== undefined && !own(referer)) {
    return { ok: false, reason: `Referer ${originOf(referer) ?? 'given'} is not Logsift's` };
  }
  return { ok: true };
}

function isWebSocketUpgrade(request: FastifyRequest): boolean {
  return request.headers.upgrade?.toLowerCase() === 'websocket';
}

/**
 * CSRF and cross-site WebSocket hijacking: writes and tail handshakes from another site's
 * page are refused before any route runs, with the reason in the API's error shape (a
 * refused handshake gets the same 403 instead of the 101).
 */
export function registerOriginCheck(app: FastifyInstance, allowed: readonly string[]): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!WRITES.has(request.method) && !isWebSocketUpgrade(request)) return;
    const verdict = checkOrigin(request.headers, allowed);
    if (verdict.ok) return;
    request.log.warn({ reason: verdict.reason }, 'cross-origin request refused');
    await reply.code(403).send({
      error: {
        code: 'forbidden',
        message: `cross-origin request refused: ${verdict.reason}; add it to server.allowedOrigins if it should be allowed`,
      },
    });
  });
}
