/**
 * A MikroTik router's `/radius incoming` as the tests need it: a UDP listener that checks
 * Disconnect/CoA-Requests the way RouterOS does (Request Authenticator, Message-Authenticator),
 * records them, and answers ACK, NAK (with an Error-Cause) or nothing, as the test says.
 */
import { createSocket, type Socket } from 'node:dgram'
import type { AddressInfo } from 'node:net'

import { signResponse, verifyAccountingRequest } from '../../src/protocol/authenticator'
import { fillMessageAuthenticator, verifyMessageAuthenticator, withMessageAuthenticatorFirst } from '../../src/protocol/messageAuthenticator'
import { buildPacket, decodeAttributes, encodeAttributes, RADIUS_CODES } from '../../src/protocol/packet'

export type CoaAnswer = 'ack' | 'nak' | 'silent'

export type ReceivedCoa = { kind: 'Disconnect' | 'CoA'; attributes: Record<string, unknown>; firstAttributeType: number; datagram: Buffer }

export class FakeCoaRouter {
  readonly received: ReceivedCoa[] = []
  /** What to answer next; a function decides per request (e.g. silent twice, then ACK). */
  answer: CoaAnswer | ((request: ReceivedCoa, index: number) => CoaAnswer) = 'ack'
  errorCause = 503 // Session-Context-Not-Found
  /** Signs answers with another secret (a forged or misconfigured peer) when set. */
  signWith: string | null = null
  readonly #secret: string
  #socket: Socket | null = null
  port = 0

  constructor(secret: string) {
    this.#secret = secret
  }

  async start(host = '127.0.0.1', port = 0): Promise<number> {
    const socket = createSocket('udp4')
    await new Promise<void>((resolve) => socket.bind(port, host, resolve))
    socket.on('message', (message, remote) => this.#onRequest(socket, message, remote.address, remote.port))
    this.#socket = socket
    this.port = (socket.address() as AddressInfo).port
    return this.port
  }

  async stop(): Promise<void> {
    const socket = this.#socket
    this.#socket = null
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()))
  }

  #onRequest(socket: Socket, message: Buffer, address: string, port: number): void {
    const code = message[0]
    const kind = code === RADIUS_CODES['Disconnect-Request'] ? 'Disconnect' : code === RADIUS_CODES['CoA-Request'] ? 'CoA' : null
    if (!kind || !verifyAccountingRequest(message, this.#secret)) return
    if (verifyMessageAuthenticator(message, Buffer.alloc(16), this.#secret) !== 'valid') return
    const request: ReceivedCoa = { kind, attributes: decodeAttributes(message).attributes, firstAttributeType: message[20], datagram: Buffer.from(message) }
    this.received.push(request)
    const answer = typeof this.answer === 'function' ? this.answer(request, this.received.length - 1) : this.answer
    if (answer === 'silent') return
    const replyCode =
      answer === 'ack'
        ? RADIUS_CODES[kind === 'Disconnect' ? 'Disconnect-ACK' : 'CoA-ACK']
        : RADIUS_CODES[kind === 'Disconnect' ? 'Disconnect-NAK' : 'CoA-NAK']
    const requestAuthenticator = message.subarray(4, 20)
    let reply = buildPacket({
      code: replyCode,
      identifier: message[1],
      authenticator: requestAuthenticator,
      attributes: encodeAttributes(answer === 'nak' ? [['Error-Cause', this.errorCause]] : []),
    })
    const secret = this.signWith ?? this.#secret
    reply = fillMessageAuthenticator(withMessageAuthenticatorFirst(reply), requestAuthenticator, secret)
    socket.send(signResponse(reply, requestAuthenticator, secret), port, address)
  }
}
