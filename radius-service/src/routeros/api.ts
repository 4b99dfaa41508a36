/**
 * The RouterOS API (TCP 8728, api-ssl 8729) through `node-routeros`, made safe to use from a
 * long-running service. node-routeros 1.6.9 throws an uncaught exception on RouterOS 7.18+'s
 * `!empty` reply and on any reply it does not know, and some failures (a socket dropped after
 * login) leave its promises pending forever. Here every call resolves or rejects with a
 * RouterOsError within the timeout, and nothing escapes as an uncaught exception.
 */
import { createRequire } from 'node:module'

import { RouterOSAPI } from 'node-routeros'

export type RouterOsTarget = {
  host: string
  /** Default 8728, or 8729 with TLS. */
  port?: number | null
  tls?: boolean | null
  username: string
  password: string
  timeoutSeconds?: number
}

export type RouterOsErrorKind = 'login' | 'trap' | 'connection' | 'timeout'

export class RouterOsError extends Error {
  override name = 'RouterOsError'
  readonly kind: RouterOsErrorKind

  constructor(kind: RouterOsErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.kind = kind
  }
}

type Row = Record<string, string>
type ChannelPrototype = {
  trapped: boolean
  processPacket(packet: string[]): void
  emit(event: string, data: unknown): boolean
}
type ReceiverPrototype = { sendTagData(tag: string): void; cleanUp(): void }

const KNOWN_REPLIES = new Set(['!re', '!done', '!trap', '!fatal'])

let patched = false

/**
 * node-routeros 1.6.9 fixes: `!empty` (RouterOS 7.18+: "no results", then `!done`) is skipped; any
 * other reply it does not know fails the command like a `!trap` and the channel stays open for
 * the `!done` that follows (the library would close it, and that `!done` for a closed channel
 * throws UNREGISTEREDTAG from the socket's data handler: an uncaught exception). Data for a tag
 * nobody waits for any more is dropped instead of thrown.
 */
function patchNodeRouterOs(): void {
  if (patched) return
  patched = true
  const require = createRequire(import.meta.url)
  const { Channel } = require('node-routeros/dist/Channel.js') as { Channel: { prototype: ChannelPrototype } }
  const { Receiver } = require('node-routeros/dist/connector/Receiver.js') as { Receiver: { prototype: ReceiverPrototype } }
  const processPacket = Channel.prototype.processPacket
  Channel.prototype.processPacket = function (this: ChannelPrototype, packet: string[]) {
    const reply = packet[0]
    if (reply === '!empty') return
    if (!KNOWN_REPLIES.has(reply)) {
      this.trapped = true
      this.emit('trap', { message: `unknown reply ${reply}` })
      return
    }
    processPacket.call(this, packet)
  }
  const sendTagData = Receiver.prototype.sendTagData
  Receiver.prototype.sendTagData = function (this: ReceiverPrototype, tag: string) {
    try {
      sendTagData.call(this, tag)
    } catch {
      this.cleanUp()
    }
  }
}

function classify(error: unknown): RouterOsError {
  if (error instanceof RouterOsError) return error
  const errno = (error as { errno?: string | number })?.errno ?? (error as { code?: string })?.code
  const message = error instanceof Error ? error.message : String(error)
  if (errno === 'CANTLOGIN' || /cannot log in|invalid user name or password/i.test(message)) {
    return new RouterOsError('login', 'The router refused the API login (user name or password).', { cause: error })
  }
  if (errno === 'SOCKTMOUT' || /timed? ?out/i.test(message)) return new RouterOsError('timeout', message, { cause: error })
  // Socket errors arrive as RosException with a negative errno (-111: connection refused) and no message.
  if ((errno && /^E[A-Z]+$/.test(String(errno))) || (typeof errno === 'number' && errno < 0)) {
    return new RouterOsError('connection', message || `connection to the router failed (errno ${errno})`, { cause: error })
  }
  if (/SOCKTMOUT|ECONN|EHOST|ENET|closed|socket/i.test(message)) return new RouterOsError('connection', message, { cause: error })
  return new RouterOsError('trap', message, { cause: error })
}

export type RouterOsSession = {
  /** Runs one command; `!re` rows come back as objects (`.id`, `mac-address`, …). */
  run(command: string, words?: string[]): Promise<Row[]>
}

/** Connects, logs in, runs `work`, and always closes. */
export async function withRouterOs<T>(target: RouterOsTarget, work: (session: RouterOsSession) => Promise<T>): Promise<T> {
  patchNodeRouterOs()
  const timeoutMs = (target.timeoutSeconds ?? 5) * 1000
  const api = new RouterOSAPI({
    host: target.host,
    port: target.port ?? (target.tls ? 8729 : 8728),
    user: target.username,
    password: target.password,
    // Routers present self-signed certificates; the API password still travels encrypted.
    tls: target.tls ? { rejectUnauthorized: false } : undefined,
    timeout: Math.ceil(timeoutMs / 1000),
    keepalive: false,
  })
  // A dropped socket or an error after login: everything waiting fails at once.
  let fail: (error: RouterOsError) => void = () => {}
  const broken = new Promise<never>((_, reject) => {
    fail = reject
  })
  broken.catch(() => {})
  api.on('error', (error: unknown) => fail(classify(error)))
  api.on('close', () => fail(new RouterOsError('connection', 'The router closed the API connection.')))

  const bounded = async <R>(promise: Promise<R>, what: string): Promise<R> => {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RouterOsError('timeout', `${what}: no answer from ${target.host} in ${timeoutMs} ms`)), timeoutMs)
    })
    try {
      return await Promise.race([promise.catch((error: unknown) => Promise.reject(classify(error))), broken, timeout])
    } finally {
      clearTimeout(timer)
    }
  }

  try {
    await bounded(api.connect(), 'login')
    return await work({
      run: (command, words = []) => bounded(api.write(command, words) as Promise<Row[]>, command),
    })
  } finally {
    fail = () => {}
    try {
      await Promise.race([api.close(), new Promise((resolve) => setTimeout(resolve, 1_000))])
    } catch {
      // Closing a connection that already broke.
    }
  }
}

export type RouterHealth = { version: string; identity: string }

export function routerHealth(target: RouterOsTarget): Promise<RouterHealth> {
  return withRouterOs(target, async (session) => {
    const [resource] = await session.run('/system/resource/print')
    const [identity] = await session.run('/system/identity/print')
    return { version: resource?.version ?? 'unknown', identity: identity?.name ?? 'unknown' }
  })
}

/**
 * Removes a device's hotspot login (by MAC), or a PPPoE user's connection (by name), as the
 * router's own "remove" would. Returns how many entries went; 0 when the device was not online.
 */
export function removeActive(target: RouterOsTarget, device: { mac?: string | null; pppUser?: string | null }): Promise<number> {
  return withRouterOs(target, async (session) => {
    const [menu, query] = device.pppUser ? ['/ppp/active', `?name=${device.pppUser}`] : ['/ip/hotspot/active', `?mac-address=${device.mac}`]
    const rows = await session.run(`${menu}/print`, [query])
    for (const row of rows) await session.run(`${menu}/remove`, [`=.id=${row['.id']}`])
    return rows.length
  })
}
