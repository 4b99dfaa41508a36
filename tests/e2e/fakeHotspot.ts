/**
 * A MikroTik hotspot as the captive portal meets it, for the browser tests: it catches a device,
 * sends it to the portal with RouterOS's variables (octal-escaped `chap-id` and `chap-challenge`
 * of `http-chap`), and plays the router's `login` page. On the portal's POST it does what
 * RouterOS does: a CHAP Access-Request (with Message-Authenticator, as RouterOS 7 sends it) to
 * the RADIUS service, then on Access-Accept an Accounting-Start with the reply's Class, and a
 * redirect to `dst`; on Access-Reject, back to the login page with `$(error)` (the
 * Reply-Message). Its `logout` page sends the Accounting-Stop. It speaks as the demo router
 * (127.0.0.1, secret testing123). One device per path: `/<device>/login`.
 */
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

import { type AttributeValue, decodeAttributes, RADIUS_CODES } from '../../radius-service/src/protocol/packet'
import { hidePassword } from '../../radius-service/src/protocol/pap'
import { accessRequest, accountingRequest, exchange } from './radius'
import { RADIUS_PORTS } from './radiusPorts'

const SECRET = 'testing123'

export type HotspotDevice = {
  mac: string
  ip: string
  /** `http-chap` (RouterOS's default) or `http-pap`. */
  login: 'chap' | 'pap'
}

type DeviceState = HotspotDevice & {
  chapId: number
  challenge: Buffer
  acctSessionId: string | null
  className: Buffer | null
  userName: string | null
}

/** What the router did with one POST to its login page. */
export type HotspotLogin = {
  device: string
  userName: string
  /** How the router sent the password: CHAP-Password (http-chap) or User-Password (http-pap). */
  method: 'chap' | 'pap'
  answer: 'Access-Accept' | 'Access-Reject' | 'timeout'
  replyMessage: string | null
  session: string | null
}

/** RouterOS's `$(chap-id)` / `$(chap-challenge)`: every octet as a three-digit octal escape. */
export const routerOsOctal = (bytes: Buffer) => [...bytes].map((byte) => `\\${byte.toString(8).padStart(3, '0')}`).join('')

async function formOf(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
}

export class FakeHotspot {
  readonly logins: HotspotLogin[] = []
  readonly #devices = new Map<string, DeviceState>()
  #server: Server | null = null
  port = 0

  /** `portal`: the branch's portal address, where the hotspot's login.html sends devices. */
  constructor(readonly portal: string) {}

  async start(): Promise<void> {
    this.#server = createServer((request, response) => {
      this.#handle(request, response).catch((error: unknown) => {
        response.statusCode = 500
        response.end(String(error))
      })
    })
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve))
    this.port = (this.#server.address() as AddressInfo).port
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()))
  }

  /**
   * A device joins the WiFi and opens a page: the address the hotspot's login.html sends it to,
   * with a fresh CHAP identifier and challenge, as RouterOS escapes them.
   */
  catchDevice(device: HotspotDevice, error?: string): string {
    const key = device.mac.replace(/:/g, '').toLowerCase()
    const state: DeviceState = this.#devices.get(key) ?? {
      ...device,
      chapId: 0,
      challenge: Buffer.alloc(0),
      acctSessionId: null,
      className: null,
      userName: null,
    }
    state.chapId = randomBytes(1)[0]
    state.challenge = randomBytes(16)
    this.#devices.set(key, state)
    const query = new URLSearchParams({
      mac: device.mac,
      ip: device.ip,
      'link-login-only': `http://127.0.0.1:${this.port}/${key}/login`,
      'link-orig': 'http://example.com/',
      'chap-id': device.login === 'chap' ? routerOsOctal(Buffer.of(state.chapId)) : '',
      'chap-challenge': device.login === 'chap' ? routerOsOctal(state.challenge) : '',
      error: error ?? '',
    })
    return `${this.portal}?${query}`
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const [, key, page] = /^\/([0-9a-f]{12})\/(login|logout)$/.exec(new URL(request.url ?? '/', 'http://hotspot').pathname) ?? []
    const device = key ? this.#devices.get(key) : undefined
    if (!device) {
      response.writeHead(404).end('no such device')
      return
    }
    if (page === 'logout') {
      if (device.acctSessionId) {
        await exchange(
          accountingRequest(SECRET, this.#accounting(device, 'Stop', [['Acct-Terminate-Cause', 'User-Request']])),
          RADIUS_PORTS.accounting,
        )
        device.acctSessionId = null
      }
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><title>logged out</title><h1>You have just logged out</h1>')
      return
    }
    if (request.method !== 'POST') {
      response.writeHead(302, { location: this.catchDevice(device) }).end()
      return
    }
    const form = await formOf(request)
    const userName = form.get('username') ?? ''
    const password = form.get('password') ?? ''
    // http-chap: the login page must send the CHAP response in hex (RouterOS refuses anything
    // else without asking RADIUS); http-pap: the password, hidden with the secret.
    if (device.login === 'chap' && !/^[0-9a-f]{32}$/.test(password)) {
      this.logins.push({
        device: device.mac,
        userName,
        method: 'chap',
        answer: 'Access-Reject',
        replyMessage: 'invalid password',
        session: null,
      })
      response.writeHead(302, { location: this.catchDevice(device, 'invalid username or password') }).end()
      return
    }
    const credentials = (authenticator: Buffer): [string, AttributeValue][] =>
      device.login === 'chap'
        ? [
            ['CHAP-Password', Buffer.concat([Buffer.of(device.chapId), Buffer.from(password, 'hex')])],
            ['CHAP-Challenge', device.challenge],
          ]
        : [['User-Password', hidePassword(password, SECRET, authenticator)]]
    const reply = await exchange(
      accessRequest(SECRET, (authenticator) => [
        ['User-Name', userName],
        ...credentials(authenticator),
        ['Calling-Station-Id', device.mac.toUpperCase()],
        ['Framed-IP-Address', device.ip],
        ['NAS-Identifier', 'downtown-hotspot'],
        ['NAS-Port-Type', 'Wireless-802.11'],
        ['Service-Type', 'Login-User'],
      ]),
      RADIUS_PORTS.auth,
    )
    const decoded = reply ? decodeAttributes(reply).attributes : {}
    const replyMessage = typeof decoded['Reply-Message'] === 'string' ? decoded['Reply-Message'] : null
    const answer = !reply ? 'timeout' : reply[0] === RADIUS_CODES['Access-Accept'] ? 'Access-Accept' : 'Access-Reject'
    const className = Buffer.isBuffer(decoded.Class) ? decoded.Class : null
    const session = className?.toString('utf8').replace(/^beacon:/, '') ?? null
    this.logins.push({ device: device.mac, userName, method: device.login, answer, replyMessage, session })
    if (answer !== 'Access-Accept') {
      // RouterOS shows its login page again with $(error); Beacon's login.html sends that to the portal.
      response.writeHead(302, { location: this.catchDevice(device, replyMessage ?? 'RADIUS server is not responding') }).end()
      return
    }
    device.acctSessionId = randomBytes(4).toString('hex')
    device.className = className
    device.userName = userName
    const accounting = await exchange(accountingRequest(SECRET, this.#accounting(device, 'Start', [])), RADIUS_PORTS.accounting)
    if (!accounting) throw new Error('The RADIUS service did not answer the Accounting-Start')
    response.writeHead(302, { location: form.get('dst') || 'http://example.com/' }).end()
  }

  #accounting(device: DeviceState, type: 'Start' | 'Stop', extra: [string, AttributeValue][]): [string, AttributeValue][] {
    return [
      ['Acct-Status-Type', type],
      ['Acct-Session-Id', device.acctSessionId!],
      ['User-Name', device.userName ?? ''],
      ['Calling-Station-Id', device.mac.toUpperCase()],
      ['Framed-IP-Address', device.ip],
      ['NAS-Identifier', 'downtown-hotspot'],
      ...(device.className ? ([['Class', device.className]] as [string, AttributeValue][]) : []),
      ...extra,
    ]
  }
}
