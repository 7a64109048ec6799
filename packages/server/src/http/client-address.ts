import ipaddr from 'ipaddr.js';

/**
 * Which proxies in front of Docket are believed about the client's address (`DOCKET_TRUST_PROXY`). A proxy appends
 * the address it received a request from to `X-Forwarded-For`; everything to the left of that was written by
 * whoever sent the request, so the client's address is the one the last trusted proxy appended: walking the header
 * from the right, the first address that is not a trusted proxy (`@fastify/proxy-addr`, which Fastify uses).
 *
 * - `none`: the socket's address, whatever the headers say.
 * - `hops`: the nearest `hops` addresses are proxies, whoever they are. It cannot check that the request came
 *   through them, so it is safe only where clients cannot reach Docket except through those proxies.
 * - `proxies`: the addresses that are proxies (IPs, CIDR ranges, or `loopback`, `linklocal`, `uniquelocal`). Only a
 *   request whose socket is one of them is believed at all.
 */
export type TrustProxy =
  { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'proxies'; proxies: string[] };

export const MAX_PROXY_HOPS = 10;

/** Names `@fastify/proxy-addr` knows for whole ranges. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

const FORMS =
  `must be 0, a number of proxies in front of Docket (1 to ${MAX_PROXY_HOPS}), or a comma-separated list of ` +
  'their addresses or CIDR ranges such as 10.0.0.0/8,192.168.1.5';

/** Whether `text` is an IPv4 address in dotted decimal or an IPv6 address. */
function isAddress(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text) || ipaddr.IPv6.isValid(text);
}

/** Why one entry of a proxy list is not usable, or null when it is. */
function entryProblem(entry: string): string | null {
  if (NAMED_RANGES.has(entry)) return null;
  const slash = entry.indexOf('/');
  const address = slash === -1 ? entry : entry.slice(0, slash);
  if (!isAddress(address)) return `"${entry}" is not an IP address or CIDR range`;
  if (slash === -1) return null;
  const prefix = entry.slice(slash + 1);
  const widest = ipaddr.IPv4.isValidFourPartDecimal(address) ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) < 1 || Number(prefix) > widest) {
    return `"${entry}" has a prefix length that is not 1 to ${widest}`;
  }
  return null;
}

/** Reads `DOCKET_TRUST_PROXY`; unset means `none`. @returns the setting, or a sentence saying what is wrong. */
export function parseTrustProxy(raw: string): TrustProxy | string {
  const value = raw.trim();
  if (value === '0' || value === 'false' || value === 'no') return { kind: 'none' };
  if (value === 'true' || value === 'yes') {
    return `${FORMS}; "${value}" does not say how many proxies to trust (1 means one load balancer)`;
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops >= 1 && hops <= MAX_PROXY_HOPS ? { kind: 'hops', hops } : FORMS;
  }
  const proxies = value.split(',').map((entry) => entry.trim());
  for (const entry of proxies) {
    if (entry === '') return `${FORMS}; the list has an empty entry`;
    const problem = entryProblem(entry);
    if (problem !== null) return `${FORMS}; ${problem}`;
  }
  return { kind: 'proxies', proxies };
}

/**
 * Fastify's `trustProxy` for a setting. Fastify no longer takes a bare hop count (it cannot check the peer), so
 * hops become a function that trusts the socket and the next `hops - 1` addresses, which is what the operator
 * declared.
 */
export function fastifyTrustProxy(
  trust: TrustProxy,
): false | string[] | ((address: string, hop: number) => boolean) {
  switch (trust.kind) {
    case 'none':
      return false;
    case 'hops':
      return (_address, hop) => hop < trust.hops;
    case 'proxies':
      return trust.proxies;
  }
}

/**
 * The address to count failed logins under: IPv4 as it is (also when it arrives IPv4-mapped), IPv6 as its /64
 * network, since one subscriber commonly holds a whole /64 and could otherwise change address per attempt.
 */
export function throttledAddress(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv4') return address.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/64`).toString()}/64`;
}
