import { canonicalIp } from './ip'

/**
 * The header Beacon's web server (scripts/web-server.ts) writes on every request with the
 * client's address, after removing any copy the client sent. Code reads the address from here
 * and never from `X-Forwarded-For`, which any client can fill in.
 */
export const CLIENT_IP_HEADER = 'x-beacon-client-ip'

type HeaderValue = string | string[] | undefined

/**
 * The client's address: the socket's peer, or, when Beacon runs behind a proxy and
 * `trustedHeader` names the header that proxy sets (`x-forwarded-for`, `x-real-ip`), the last
 * address in that header, the one the trusted proxy itself appended. A request without a valid
 * one did not come through the proxy: its socket's peer is the client.
 */
export function clientIpOf(headers: Record<string, HeaderValue>, socketAddress: string | undefined, trustedHeader?: string): string | null {
  const name = trustedHeader?.trim().toLowerCase()
  if (name) {
    const raw = headers[name]
    const last = (Array.isArray(raw) ? raw.join(',') : (raw ?? '')).split(',').map((part) => part.trim()).filter(Boolean).at(-1)
    const fromProxy = last ? canonicalIp(stripPort(last)) : null
    if (fromProxy) return fromProxy
  }
  return socketAddress ? canonicalIp(socketAddress) : null
}

/**
 * The unit rate limits count by: an IPv4 address, or an IPv6 address's network (a /64 by
 * default: one customer's line usually gets a whole /64, so counting single addresses would let
 * a client try from a fresh address each time; a /48 where a client may hold a whole site's).
 */
export function addressBlock(ip: string, ipv6Prefix: 48 | 64 = 64): string {
  if (!ip.includes(':')) return ip
  const [head, tail = ''] = ip.split('::')
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const groups = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left
  return `${groups.slice(0, ipv6Prefix / 16).map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/${ipv6Prefix}`
}

/** `192.0.2.1:5123` and `[2001:db8::1]:5123` (as some proxies write them) without the port. */
function stripPort(value: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value)
  if (bracketed) return bracketed[1]
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(value)
  return v4WithPort ? v4WithPort[1] : value
}

/** The client address of a request that came through Beacon's web server, if known. */
export function requestIp(headers: Pick<Headers, 'get'> | undefined): string | null {
  const value = headers?.get(CLIENT_IP_HEADER)
  return value ? canonicalIp(value) : null
}
