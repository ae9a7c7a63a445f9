import type { FastifyRequest } from 'fastify';
import { LogsiftError, type Principal } from '../../model';
import type { ProxyAuthConfig } from './config';
import { addressMatcher } from './network';

const headerText = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name.toLowerCase()];
  const text = Array.isArray(value) ? value[0] : value;
  return text?.trim() || undefined;
};

/**
 * The user an auth proxy (oauth2-proxy, an Ingress's auth-url) names in a header. Anyone can
 * send that header, so it is believed only from a peer inside `trustedProxies`; from anywhere
 * else the request is refused, which also tells an admin that Logsift is reachable around
 * its proxy.
 */
export function proxyPrincipal(
  config: ProxyAuthConfig,
): (request: FastifyRequest) => Principal | undefined {
  const trusted = addressMatcher(config.trustedProxies);
  return (request) => {
    const peer = request.socket.remoteAddress;
    if (!trusted(peer)) {
      throw new LogsiftError(
        'forbidden',
        `requests must come through the auth proxy: ${peer ?? 'this peer'} is not in auth.proxy.trustedProxies, so its ${config.userHeader} header is not believed`,
      );
    }
    const user = headerText(request, config.userHeader);
    if (!user) return undefined;
    const groups = (headerText(request, config.groupsHeader) ?? '')
      .split(',')
      .map((g) => g.trim())
      .filter(Boolean);
    return { id: user, name: user, groups, unrestricted: false };
  };
}
