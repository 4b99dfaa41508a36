import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createSocket } from 'node:dgram'
import { promisify } from 'node:util'

import { type APIRequestContext, expect } from '@playwright/test'

import { accountingRequestAuthenticator } from '../../radius-service/src/protocol/authenticator'
import { fillMessageAuthenticator, withMessageAuthenticatorFirst } from '../../radius-service/src/protocol/messageAuthenticator'
import { type AttributeValue, buildPacket, encodeAttributes, RADIUS_CODES } from '../../radius-service/src/protocol/packet'
import { RADIUS_PORTS } from './radiusPorts'

const run = promisify(execFile)

/** FreeRADIUS's `radclient` sending one request to the app's RADIUS service, as the demo router. */
export async function radclient(type: 'acct' | 'auth', attributes: string): Promise<string> {
  const port = type === 'auth' ? RADIUS_PORTS.auth : RADIUS_PORTS.accounting
  const child = execFile('/usr/bin/radclient', ['-x', '-r', '2', '-t', '3', `127.0.0.1:${port}`, type, 'testing123'])
  child.stdin!.end(attributes)
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  await new Promise((resolve) => child.on('close', resolve))
  return output
}

/** `radtest` with a voucher code as the demo router (127.0.0.1, secret testing123): what it printed, accepted or not. */
export async function radtest(code: string): Promise<string> {
  try {
    return (await run('radtest', [code, code, `127.0.0.1:${RADIUS_PORTS.auth}`, '0', 'testing123'])).stdout
  } catch (error) {
    // radtest exits 1 on an Access-Reject; its output says so.
    const { stdout } = error as { stdout?: string }
    if (typeof stdout === 'string' && stdout.includes('Received Access-')) return stdout
    throw error
  }
}

/**
 * A device online at Downtown the way a router puts it there: a demo "1 Hour" voucher logs in
 * (Access-Request), then the router reports an Accounting-Start. `request` must be signed in as
 * someone who reads Downtown's vouchers. Returns the voucher code and the session id.
 */
export async function bringDeviceOnline(request: APIRequestContext, mac: string, ip: string): Promise<{ code: string; sessionId: string; classHex: string }> {
  const vouchers = await (await request.get('/api/vouchers?where[batchId][equals]=DEMO-1HOUR&where[status][equals]=AVAILABLE&limit=1&depth=0')).json()
  const code: string = vouchers.docs[0].code
  const reply = await radtest(code)
  expect(reply).toContain('Received Access-Accept')
  const classHex = /Class = 0x([0-9a-f]+)/.exec(reply)![1]
  const sessionId = Buffer.from(classHex, 'hex').toString('utf8').replace('beacon:', '')
  const start = `Acct-Status-Type = Start\nAcct-Session-Id = "e2e-${code}"\nClass = 0x${classHex}\nCalling-Station-Id = "${mac}"\nFramed-IP-Address = ${ip}\n`
  expect(await radclient('acct', start)).toContain('Received Accounting-Response')
  return { code, sessionId, classHex }
}

export type RadiusAttributes = [string, AttributeValue][]

/**
 * Sends one request to the app's RADIUS service from `from` (a loopback address such as
 * 127.0.0.2 plays another router) and gives back the reply, or null when none comes: the service
 * drops what an unknown router or a wrong secret sends.
 */
export async function exchange(packet: Buffer, port: number, { from = '127.0.0.1', timeoutMs = 3000 } = {}): Promise<Buffer | null> {
  const socket = createSocket('udp4')
  await new Promise<void>((resolve) => socket.bind(0, from, resolve))
  try {
    return await new Promise<Buffer | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), timeoutMs)
      socket.on('message', (message) => {
        clearTimeout(timer)
        resolve(message)
      })
      socket.send(packet, port, '127.0.0.1')
    })
  } finally {
    socket.close()
  }
}

/**
 * An Access-Request as RouterOS 7 sends it (Message-Authenticator first); `attributes` gets the
 * Request Authenticator, which hides a PAP password.
 */
export function accessRequest(secret: string, attributes: (authenticator: Buffer) => RadiusAttributes): Buffer {
  const authenticator = randomBytes(16)
  const packet = buildPacket({
    code: RADIUS_CODES['Access-Request'],
    identifier: randomBytes(1)[0],
    authenticator,
    attributes: encodeAttributes(attributes(authenticator)),
  })
  return fillMessageAuthenticator(withMessageAuthenticatorFirst(packet), authenticator, secret)
}

export function accountingRequest(secret: string, attributes: RadiusAttributes): Buffer {
  const packet = buildPacket({
    code: RADIUS_CODES['Accounting-Request'],
    identifier: randomBytes(1)[0],
    authenticator: Buffer.alloc(16),
    attributes: encodeAttributes(attributes),
  })
  accountingRequestAuthenticator(packet, secret).copy(packet, 4)
  return packet
}
