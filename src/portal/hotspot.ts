import { createHash } from 'node:crypto'
import { BlockList, isIP } from 'node:net'

import { canonicalIp } from '@/lib/ip'
import { canonicalMac } from '@/lib/mac'
import { firstParam } from '@/lib/searchParams'
import { HOTSPOT_VARIABLES } from '@/plugins/network/routers/hotspotLogin'

/**
 * What a MikroTik hotspot tells the portal about a device, from its `login.html` redirect
 * (`GET /api/routers/:id/hotspot-login` writes it): RouterOS's `$(mac-esc)`, `$(ip-esc)`,
 * `$(link-login-only-esc)`, `$(link-orig-esc)`, `$(chap-id-esc)`, `$(chap-challenge-esc)` and
 * `$(error-esc)`. The device can change any of it, so none of it is trusted: the router checks
 * the one-time credentials against the device's real MAC over RADIUS.
 */
export type Hotspot = {
  mac: string
  ip: string | null
  /** The router's login URL the browser posts the credentials to (`http://10.5.50.1/login`). */
  loginUrl: string
  /** The router's logout URL beside it (`http://10.5.50.1/logout`). */
  logoutUrl: string
  /** Where the customer was going before the hotspot caught them. */
  originalUrl: string | null
  /** `http-chap`: the router's CHAP identifier (one octet) and challenge; null for `http-pap`. */
  chap: { id: Buffer; challenge: Buffer } | null
}

export type HotspotField = (typeof HOTSPOT_VARIABLES)[number]

export type HotspotQuery = Partial<Record<HotspotField, string>>

/** What the portal makes of a request's hotspot variables. */
export type HotspotReading =
  /** Not from a hotspot at all (someone opened the portal's address): pages still work, sign-in to the WiFi does not. */
  | { kind: 'none'; routerError: string | null }
  | { kind: 'ok'; hotspot: Hotspot; query: HotspotQuery; routerError: string | null }
  /** From a hotspot, but something in it cannot be right; `problem` says what, for the customer. */
  | { kind: 'invalid'; problem: string; routerError: string | null }

const MAX_URL_LENGTH = 2048
const MAX_ERROR_LENGTH = 200

/**
 * RouterOS writes `$(chap-id)` and `$(chap-challenge)` as octal escapes (`\375\041…`), the way
 * its own md5.js reads them as JavaScript string literals; printable characters may also come
 * as themselves. Returns the octets, or null for text that is not such a string.
 */
export function routerOsOctets(value: string): Buffer | null {
  const bytes: number[] = []
  for (let index = 0; index < value.length; index++) {
    const char = value[index]
    if (char === '\\') {
      const octal = /^[0-7]{3}/.exec(value.slice(index + 1))
      if (octal) {
        const byte = parseInt(octal[0], 8)
        if (byte > 255) return null
        bytes.push(byte)
        index += 3
        continue
      }
      const escaped = value[index + 1]
      if (escaped === '\\' || escaped === "'" || escaped === '"') {
        bytes.push(escaped.charCodeAt(0))
        index += 1
        continue
      }
      return null
    }
    const code = char.charCodeAt(0)
    if (code < 0x20 || code > 0x7e) return null
    bytes.push(code)
  }
  return Buffer.from(bytes)
}

/**
 * The password field MikroTik's `http-chap` login page sends: hex MD5(chap-id ‖ password ‖
 * chap-challenge), which the router puts in CHAP-Password with its identifier.
 */
export function chapPasswordHex(chap: { id: Buffer; challenge: Buffer }, password: string): string {
  return createHash('md5').update(chap.id).update(Buffer.from(password, 'utf8')).update(chap.challenge).digest('hex')
}

function routerUrl(value: string): URL | null {
  if (value.length > MAX_URL_LENGTH) return null
  try {
    const url = new URL(value)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
    if (url.username || url.password) return null
    return url
  } catch {
    return null
  }
}

/** Where a hotspot's own login page can be: private and link-local addresses. */
const ROUTER_ADDRESSES = new BlockList()
for (const [network, prefix] of [
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['169.254.0.0', 16],
] as const) {
  ROUTER_ADDRESSES.addSubnet(network, prefix, 'ipv4')
}
for (const [network, prefix] of [
  ['fc00::', 7],
  ['fe80::', 10],
] as const)
  ROUTER_ADDRESSES.addSubnet(network, prefix, 'ipv6')

/**
 * Whether the portal may hand one-time credentials to this login URL: the router's own page.
 * When the branch's routers name their hotspot addresses (DNS names or IPs, the routers'
 * "Hotspot address"), only those; otherwise any private or link-local address. A link that
 * names another host is someone else's page, which would collect a customer's sign-in for
 * another device.
 */
export function isRouterLoginUrl(url: URL, hotspotAddresses: readonly string[]): boolean {
  const host = url.hostname
    .replace(/^\[(.*)\]$/, '$1')
    .toLowerCase()
    .replace(/\.$/, '')
  if (hotspotAddresses.length > 0) return hotspotAddresses.includes(canonicalIp(host) ?? host)
  const family = isIP(host)
  return family !== 0 && ROUTER_ADDRESSES.check(host, family === 4 ? 'ipv4' : 'ipv6')
}

/**
 * Reads the hotspot's variables from a query string or a form (Next.js `searchParams`, or a
 * URLSearchParams), for a branch whose routers name these hotspot addresses. Anything missing or
 * malformed gets a reading that says so in words: a malformed query string is a page that
 * explains, never an error.
 */
export function readHotspot(
  source: URLSearchParams | Record<string, string | string[] | undefined>,
  hotspotAddresses: readonly string[],
): HotspotReading {
  const get = (name: HotspotField) => (source instanceof URLSearchParams ? (source.get(name) ?? undefined) : firstParam(source[name]))
  const rawError = get('error')?.trim()
  const routerError = rawError ? rawError.slice(0, MAX_ERROR_LENGTH) : null
  const rawMac = get('mac')?.trim()
  const rawLogin = get('link-login-only')?.trim()
  if (!rawMac && !rawLogin) return { kind: 'none', routerError }

  const invalid = (problem: string): HotspotReading => ({ kind: 'invalid', problem, routerError })
  const mac = rawMac ? canonicalMac(rawMac) : null
  if (!mac) return invalid('The WiFi network did not say which device this is. Turn WiFi off and on again, then open any web page.')
  const loginUrl = rawLogin ? routerUrl(rawLogin) : null
  if (!loginUrl)
    return invalid("The WiFi network's login address is missing or not valid. Turn WiFi off and on again, then open any web page.")
  if (!isRouterLoginUrl(loginUrl, hotspotAddresses)) {
    return invalid("This page was not opened from this WiFi network's login page. Connect to the WiFi network and open any web page.")
  }
  const rawIp = get('ip')?.trim()
  const ip = rawIp ? canonicalIp(rawIp) : null
  if (rawIp && !ip)
    return invalid('The WiFi network sent a device address that is not valid. Turn WiFi off and on again, then open any web page.')

  const rawChapId = get('chap-id') ?? ''
  const rawChallenge = get('chap-challenge') ?? ''
  let chap: Hotspot['chap'] = null
  if (rawChapId || rawChallenge) {
    const id = routerOsOctets(rawChapId)
    const challenge = routerOsOctets(rawChallenge)
    if (!id || id.length !== 1 || !challenge || challenge.length < 1 || challenge.length > 64) {
      return invalid("The WiFi network's login challenge is not valid. Turn WiFi off and on again, then open any web page.")
    }
    chap = { id, challenge }
  }
  const rawOrig = get('link-orig')?.trim()
  const original = rawOrig ? routerUrl(rawOrig) : null

  const logout = new URL(loginUrl)
  logout.pathname = logout.pathname.replace(/\/login$/, '/logout')
  if (!logout.pathname.endsWith('/logout')) logout.pathname = '/logout'
  logout.search = ''
  logout.hash = ''

  const query: HotspotQuery = { mac, 'link-login-only': loginUrl.href }
  if (ip) query.ip = ip
  if (original) query['link-orig'] = original.href
  if (rawChapId) query['chap-id'] = rawChapId
  if (rawChallenge) query['chap-challenge'] = rawChallenge
  return {
    kind: 'ok',
    hotspot: { mac, ip, loginUrl: loginUrl.href, logoutUrl: logout.href, originalUrl: original?.href ?? null, chap },
    query,
    routerError,
  }
}

/** The hotspot's variables again, for links and forms between the portal's pages. */
export function hotspotSearch(query: HotspotQuery | null | undefined): string {
  const params = new URLSearchParams()
  for (const name of HOTSPOT_VARIABLES) {
    const value = query?.[name]
    if (value && name !== 'error') params.set(name, value)
  }
  const text = params.toString()
  return text ? `?${text}` : ''
}

/**
 * The form the browser posts to the router's login URL, as MikroTik's own login page does:
 * `username`, `password` (in clear for PAP, the CHAP hash for `http-chap`), `dst` (where the
 * router sends the browser after a successful login) and `popup`.
 */
export function routerLoginFields(
  hotspot: Hotspot,
  credentials: { username: string; password: string },
  dst: string,
): Record<string, string> {
  return {
    username: credentials.username,
    password: hotspot.chap ? chapPasswordHex(hotspot.chap, credentials.password) : credentials.password,
    dst,
    popup: 'false',
  }
}
