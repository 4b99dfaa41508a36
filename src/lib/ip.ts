import { isIP, isIPv4 } from 'node:net'

/**
 * One spelling per address, so equal addresses compare equal: IPv4 as dotted quad, IPv4-mapped
 * IPv6 (`::ffff:192.0.2.1`, how a socket bound to `::` reports IPv4 senders) as that IPv4
 * address, other IPv6 addresses lower-case and compressed (RFC 5952). `null` for anything else.
 */
export function canonicalIp(input: string): string | null {
  const value = input.trim()
  if (isIPv4(value)) return value
  // A zone (`fe80::1%eth0`) names an interface of the machine it was written on: not an address.
  if (isIP(value) !== 6 || value.includes('%')) return null
  // WHATWG URL parsing writes IPv6 hosts in RFC 5952 form (and mapped IPv4 as hex words).
  const compressed = new URL(`http://[${value}]/`).hostname.slice(1, -1)
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(compressed)
  if (mapped) {
    const [high, low] = [parseInt(mapped[1], 16), parseInt(mapped[2], 16)]
    return [high >> 8, high & 255, low >> 8, low & 255].join('.')
  }
  return compressed
}
