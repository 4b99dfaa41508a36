/** The RFC 5176 client against a fake router that checks requests the way RouterOS does. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { CoaClient } from '../../src/coa/client'
import { FakeCoaRouter } from '../helpers/fakeRouter'

const SECRET = 'coa-secret'
const IDENTIFY: Array<[string, string | number | Date]> = [
  ['User-Name', 'ABCD2345'],
  ['Acct-Session-Id', '81a0000f'],
  ['Framed-IP-Address', '10.5.50.7'],
  ['NAS-IP-Address', '127.0.0.1'],
  ['Event-Timestamp', new Date(1_795_000_000_000)],
]

let router: FakeCoaRouter
let client: CoaClient
const target = () => ({ address: '127.0.0.1', port: router.port, secret: SECRET })

beforeAll(async () => {
  router = new FakeCoaRouter(SECRET)
  await router.start()
  client = new CoaClient({ timeoutMs: 100, attempts: 3 })
})

afterAll(async () => {
  await client.close()
  await router.stop()
})

describe('CoA client', () => {
  it('sends a Disconnect-Request RouterOS accepts, identifying the session, and reads the ACK', async () => {
    router.answer = 'ack'
    const before = router.received.length
    expect(await client.send(target(), 'Disconnect', IDENTIFY)).toEqual({ outcome: 'acknowledged', attempts: 1 })
    const [request] = router.received.slice(before)
    expect(request.kind).toBe('Disconnect')
    expect(request.firstAttributeType).toBe(80) // Message-Authenticator first
    expect(request.attributes).toMatchObject({
      'User-Name': 'ABCD2345',
      'Acct-Session-Id': '81a0000f',
      'Framed-IP-Address': '10.5.50.7',
      'NAS-IP-Address': '127.0.0.1',
    })
    expect((request.attributes['Event-Timestamp'] as Date).getTime()).toBe(1_795_000_000_000)
  })

  it('sends a CoA-Request with the new rate limit', async () => {
    const before = router.received.length
    expect(await client.send(target(), 'CoA', [...IDENTIFY, ['Mikrotik-Rate-Limit', '10M/20M']])).toMatchObject({ outcome: 'acknowledged' })
    expect(router.received[before]).toMatchObject({ kind: 'CoA', attributes: { 'Mikrotik-Rate-Limit': '10M/20M' } })
  })

  it('reports a NAK with its Error-Cause', async () => {
    router.answer = 'nak'
    expect(await client.send(target(), 'Disconnect', IDENTIFY)).toEqual({
      outcome: 'refused',
      errorCause: 'Session-Context-Not-Found',
      attempts: 1,
    })
    router.answer = 'ack'
  })

  it('retransmits the same datagram with backoff until an answer comes', async () => {
    const before = router.received.length
    router.answer = (_request, index) => (index - before < 2 ? 'silent' : 'ack')
    const started = Date.now()
    expect(await client.send(target(), 'Disconnect', IDENTIFY)).toEqual({ outcome: 'acknowledged', attempts: 3 })
    expect(Date.now() - started).toBeGreaterThanOrEqual(300) // 100 ms, then 200 ms
    const sent = router.received.slice(before).map((request) => request.datagram)
    expect(sent).toHaveLength(3)
    expect(sent[1].equals(sent[0]) && sent[2].equals(sent[0])).toBe(true)
    router.answer = 'ack'
  })

  it('gives up after its attempts when the router answers nothing', async () => {
    router.answer = 'silent'
    expect(await client.send(target(), 'Disconnect', IDENTIFY)).toEqual({ outcome: 'no-answer', attempts: 3 })
    router.answer = 'ack'
  })

  it('ignores an answer that does not prove the shared secret', async () => {
    router.signWith = 'not-the-secret'
    try {
      expect(await client.send(target(), 'Disconnect', IDENTIFY)).toEqual({ outcome: 'no-answer', attempts: 3 })
    } finally {
      router.signWith = null
    }
  })
})
