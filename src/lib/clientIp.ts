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
 * address in that header, the one the trusted proxy itself appended. `null` if none is valid.
 */
export function clientIpOf(headers: Record<string, HeaderValue>, socketAddress: string | undefined, trustedHeader?: string): string | null {
  const name = trustedHeader?.trim().toLowerCase()
  if (name) {
    const raw = headers[name]
    const entries = (Array.isArray(raw) ? raw.join(',') : (raw ?? '')).split(',').map((part) => part.trim()).filter(Boolean)
    const last = entries.at(-1)
    return last ? canonicalIp(stripPort(last)) : null
  }
  return socketAddress ? canonicalIp(socketAddress) : null
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
