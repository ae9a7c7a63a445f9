import { BlockList, isIPv6 } from 'node:net';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

const family = (address: string) => (isIPv6(address) ? 'ipv6' : 'ipv4');

/**
 * Whether a socket's peer address is inside the list. BlockList matches an IPv4-mapped IPv6
 * peer (`::ffff:10.0.0.5`, as a dual-stack socket reports IPv4 clients) against IPv4 ranges.
 */
function contains(list: BlockList, address: string | undefined): boolean {
  if (!address) return false;
  try {
    return list.check(address, family(address));
  } catch {
    return false;
  }
}

export const isLoopback = (address: string | undefined): boolean => contains(LOOPBACK, address);

/** CIDRs (already checked by the config schema) → a test of a peer address. */
export function addressMatcher(cidrs: readonly string[]): (address: string | undefined) => boolean {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [address = '', prefix] = cidr.split('/');
    if (prefix === undefined) list.addAddress(address, family(address));
    else list.addSubnet(address, Number(prefix), family(address));
  }
  return (address) => contains(list, address);
}
