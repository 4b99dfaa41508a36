/** Raw datagrams for what radclient cannot do: send from another source address, or resend the exact same bytes. */
import { createSocket } from 'node:dgram'
import { randomBytes } from 'node:crypto'

import { accountingRequestAuthenticator } from '../../src/protocol/authenticator'
import { type AttributeValue, buildPacket, encodeAttributes, RADIUS_CODES } from '../../src/protocol/packet'
import { hidePassword } from '../../src/protocol/pap'

/** Sends each datagram in turn from one socket bound to `from`, and returns what came back to each (null: nothing within timeoutMs). */
export async function exchange(
  datagrams: Buffer[],
  { port, from = '127.0.0.1', to = '127.0.0.1', timeoutMs = 1500 }: { port: number; from?: string; to?: string; timeoutMs?: number },
): Promise<Array<Buffer | null>> {
  const socket = createSocket('udp4')
  await new Promise<void>((resolve) => socket.bind(0, from, resolve))
  const replies: Array<Buffer | null> = []
  try {
    for (const datagram of datagrams) {
      replies.push(
        await new Promise<Buffer | null>((resolve) => {
          const timer = setTimeout(() => {
            socket.off('message', onMessage)
            resolve(null)
          }, timeoutMs)
          const onMessage = (message: Buffer) => {
            clearTimeout(timer)
            socket.off('message', onMessage)
            resolve(message)
          }
          socket.on('message', onMessage)
          socket.send(datagram, port, to)
        }),
      )
    }
  } finally {
    socket.close()
  }
  return replies
}

export function accountingRequest(attributes: Array<[string, AttributeValue]>, secret: string, identifier = 7): Buffer {
  const packet = buildPacket({
    code: RADIUS_CODES['Accounting-Request'],
    identifier,
    authenticator: Buffer.alloc(16),
    attributes: encodeAttributes(attributes),
  })
  accountingRequestAuthenticator(packet, secret).copy(packet, 4)
  return packet
}

/** A PAP Access-Request (no Message-Authenticator). */
export function accessRequest(userName: string, password: string, secret: string, extra: Array<[string, AttributeValue]> = [], identifier = 9): Buffer {
  const authenticator = randomBytes(16)
  return buildPacket({
    code: RADIUS_CODES['Access-Request'],
    identifier,
    authenticator,
    attributes: encodeAttributes([['User-Name', userName], ['User-Password', hidePassword(password, secret, authenticator)], ...extra]),
  })
}
