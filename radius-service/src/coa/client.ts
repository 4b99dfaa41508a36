/**
 * RFC 5176 client: Disconnect-Request and CoA-Request to a router's CoA port (MikroTik: 3799,
 * `/radius incoming`), with the answer checked like any RADIUS reply and retransmission with
 * backoff while none comes.
 */
import { randomInt } from 'node:crypto'
import { createSocket, type Socket } from 'node:dgram'

import { accountingRequestAuthenticator, verifyResponse } from '../protocol/authenticator'
import { fillMessageAuthenticator, verifyMessageAuthenticator } from '../protocol/messageAuthenticator'
import { type AttributeValue, buildPacket, decodeAttributes, encodeAttributes, RADIUS_CODES } from '../protocol/packet'

export type CoaKind = 'Disconnect' | 'CoA'

export type CoaTarget = { address: string; port: number; secret: Buffer | string }

export type CoaResult =
  | { outcome: 'acknowledged'; attempts: number }
  /** NAK: the router refused, with RFC 5176 §3.5 Error-Cause (e.g. Session-Context-Not-Found) when it said. */
  | { outcome: 'refused'; errorCause: string | null; attempts: number }
  | { outcome: 'no-answer'; attempts: number }

const REQUEST = { Disconnect: RADIUS_CODES['Disconnect-Request'], CoA: RADIUS_CODES['CoA-Request'] } as const
const ACK = { Disconnect: RADIUS_CODES['Disconnect-ACK'], CoA: RADIUS_CODES['CoA-ACK'] } as const
const NAK = { Disconnect: RADIUS_CODES['Disconnect-NAK'], CoA: RADIUS_CODES['CoA-NAK'] } as const
const ZERO_AUTHENTICATOR = Buffer.alloc(16)

/**
 * A signed request: Message-Authenticator first computed over the packet with a zero
 * authenticator field, then the Request Authenticator over the packet including it (RFC 5176
 * §2.3, §3.3: the same order as Accounting-Request).
 */
export function coaRequest(kind: CoaKind, identifier: number, attributes: Array<[string, AttributeValue]>, secret: Buffer | string): Buffer {
  const packet = buildPacket({
    code: REQUEST[kind],
    identifier,
    authenticator: ZERO_AUTHENTICATOR,
    attributes: encodeAttributes([['Message-Authenticator', Buffer.alloc(16)], ...attributes]),
  })
  const withMac = fillMessageAuthenticator(packet, ZERO_AUTHENTICATOR, secret)
  accountingRequestAuthenticator(withMac, secret).copy(withMac, 4)
  return withMac
}

type Pending = { resolve: (reply: Buffer) => void; request: Buffer; kind: CoaKind; secret: Buffer | string }

export class CoaClient {
  readonly #timeoutMs: number
  readonly #attempts: number
  readonly #pending = new Map<string, Pending>()
  #socket: Socket | null = null
  #binding: Promise<Socket> | null = null

  /** `attempts` sends in all, waiting timeoutMs, then twice that, and so on. */
  constructor({ timeoutMs = 1_000, attempts = 3 }: { timeoutMs?: number; attempts?: number } = {}) {
    this.#timeoutMs = timeoutMs
    this.#attempts = attempts
  }

  async send(target: CoaTarget, kind: CoaKind, attributes: Array<[string, AttributeValue]>): Promise<CoaResult> {
    const socket = await this.#bind()
    const identifier = this.#freeIdentifier(target)
    const key = `${target.address}:${target.port}:${identifier}`
    const request = coaRequest(kind, identifier, attributes, target.secret)
    try {
      let wait = this.#timeoutMs
      for (let attempt = 1; attempt <= this.#attempts; attempt++) {
        const reply = await new Promise<Buffer | null>((resolve) => {
          const timer = setTimeout(() => resolve(null), wait)
          this.#pending.set(key, {
            request,
            kind,
            secret: target.secret,
            resolve: (answer) => {
              clearTimeout(timer)
              resolve(answer)
            },
          })
          // A retransmission is the same datagram (same Identifier and authenticator).
          socket.send(request, target.port, target.address)
        })
        if (reply) {
          if (reply[0] === ACK[kind]) return { outcome: 'acknowledged', attempts: attempt }
          const cause = decodeAttributes(reply).attributes['Error-Cause']
          return { outcome: 'refused', errorCause: cause === undefined ? null : String(cause), attempts: attempt }
        }
        wait *= 2
      }
      return { outcome: 'no-answer', attempts: this.#attempts }
    } finally {
      this.#pending.delete(key)
    }
  }

  async close(): Promise<void> {
    const socket = this.#socket
    this.#socket = null
    this.#binding = null
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()))
  }

  #freeIdentifier(target: CoaTarget): number {
    for (let tries = 0; tries < 512; tries++) {
      const identifier = randomInt(256)
      if (!this.#pending.has(`${target.address}:${target.port}:${identifier}`)) return identifier
    }
    throw new Error(`256 requests to ${target.address}:${target.port} are already waiting for an answer`)
  }

  #bind(): Promise<Socket> {
    this.#binding ??= new Promise((resolve, reject) => {
      const socket = createSocket('udp4')
      socket.once('error', reject)
      socket.bind(0, () => {
        socket.off('error', reject)
        socket.on('error', () => {}) // a send to an unreachable port: the timeout handles it
        socket.on('message', (message, remote) => this.#receive(message, `${remote.address}:${remote.port}`))
        this.#socket = socket
        resolve(socket)
      })
    })
    return this.#binding
  }

  /** Only a reply that matches a pending request and proves the shared secret is taken. */
  #receive(message: Buffer, from: string): void {
    if (message.length < 20) return
    const pending = this.#pending.get(`${from}:${message[1]}`)
    if (!pending) return
    if (message[0] !== ACK[pending.kind] && message[0] !== NAK[pending.kind]) return
    const requestAuthenticator = pending.request.subarray(4, 20)
    if (!verifyResponse(message, requestAuthenticator, pending.secret)) return
    if (verifyMessageAuthenticator(message, requestAuthenticator, pending.secret) === 'invalid') return
    try {
      decodeAttributes(message)
    } catch {
      return
    }
    pending.resolve(message)
  }
}
