import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

import { type APIRequestContext, expect } from '@playwright/test'

import { RADIUS_PORTS } from './radiusPorts'

const run = promisify(execFile)

/** FreeRADIUS's `radclient` sending one accounting request to the app's RADIUS service, as the demo router. */
export async function radclient(type: 'acct', attributes: string): Promise<string> {
  const child = execFile('/usr/bin/radclient', ['-x', '-r', '2', '-t', '3', `127.0.0.1:${RADIUS_PORTS.accounting}`, type, 'testing123'])
  child.stdin!.end(attributes)
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  await new Promise((resolve) => child.on('close', resolve))
  return output
}

/** `radtest` with a voucher code as the demo router (127.0.0.1, secret testing123). */
export async function radtest(code: string): Promise<string> {
  return (await run('radtest', [code, code, `127.0.0.1:${RADIUS_PORTS.auth}`, '0', 'testing123'])).stdout
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
