/** The guarded RouterOS API client against a fake router speaking the real API protocol. */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { removeActive, routerHealth, RouterOsError, withRouterOs } from '../../src/routeros/api'
import { decodeSentences, encodeSentence, FakeRouterOs } from '../helpers/fakeRouterOs'

let router: FakeRouterOs
const target = (overrides: Record<string, unknown> = {}) => ({
  host: '127.0.0.1',
  port: router.port,
  username: 'beacon',
  password: 'api-secret',
  timeoutSeconds: 2,
  ...overrides,
})

async function failure(promise: Promise<unknown>): Promise<RouterOsError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(RouterOsError)
    return error as RouterOsError
  }
  throw new Error('expected a RouterOsError')
}

beforeAll(async () => {
  router = new FakeRouterOs()
  await router.start()
})

afterAll(async () => {
  await router.stop()
})

describe('the API sentence codec of the fake router', () => {
  it('round-trips words of every length class', () => {
    const words = ['/login', 'x'.repeat(0x7f), 'y'.repeat(0x80), 'z'.repeat(0x4000), '=a=b']
    const { sentences, rest } = decodeSentences(Buffer.concat([encodeSentence(words), encodeSentence(['!done'])]))
    expect(sentences).toEqual([words, ['!done']])
    expect(rest.length).toBe(0)
  })
})

describe('RouterOS API client', () => {
  it('logs in and reads the version and identity', async () => {
    router.mode = 'answer'
    expect(await routerHealth(target())).toEqual({ version: '7.18.2 (stable)', identity: 'Downtown-hAP' })
  })

  it('removes a device from /ip/hotspot/active by MAC, and takes 7.18’s !empty for "not there"', async () => {
    router.hotspotActive.push({ '.id': '*1A', 'mac-address': 'A4:5E:60:00:00:01', user: 'ABCD2345', address: '10.5.50.9' })
    expect(await removeActive(target(), { mac: 'A4:5E:60:00:00:01' })).toBe(1)
    expect(router.hotspotActive).toHaveLength(0)
    expect(router.emptyReplies).toBe(true)
    expect(await removeActive(target(), { mac: 'A4:5E:60:00:00:01' })).toBe(0)
    router.emptyReplies = false // before 7.18: just !done
    try {
      expect(await removeActive(target(), { mac: 'A4:5E:60:00:00:01' })).toBe(0)
    } finally {
      router.emptyReplies = true
    }
  })

  it('removes a PPPoE user’s active connection by name', async () => {
    router.pppActive.push({ '.id': '*7', name: 'alice', address: '10.9.0.2' })
    expect(await removeActive(target(), { pppUser: 'alice' })).toBe(1)
    expect(router.pppActive).toHaveLength(0)
  })

  it('turns a !trap into a rejected promise with the router’s message', async () => {
    const error = await failure(withRouterOs(target(), (session) => session.run('/ip/hotspot/active/remove', ['=.id=*404'])))
    expect(error).toMatchObject({ kind: 'trap', message: 'no such item' })
  })

  it('fails a command answered with a reply it does not know, and the connection goes on (no uncaught exception)', async () => {
    const result = await withRouterOs(target(), async (session) => {
      const unknown = await session.run('/beacon/unknown-reply').then(
        () => 'answered',
        (error: unknown) => (error as RouterOsError).message,
      )
      const [identity] = await session.run('/system/identity/print')
      return { unknown, identity: identity.name }
    })
    expect(result).toEqual({ unknown: 'unknown reply !surprise', identity: 'Downtown-hAP' })
  })

  it('reports a refused login', async () => {
    expect((await failure(routerHealth(target({ password: 'wrong' })))).kind).toBe('login')
  })

  it('reports a router that does not listen, and one that does not answer, within the timeout', async () => {
    expect((await failure(routerHealth(target({ port: 1 })))).kind).toBe('connection')
    router.mode = 'silent'
    try {
      const started = Date.now()
      expect((await failure(routerHealth(target({ timeoutSeconds: 1 })))).kind).toBe('timeout')
      expect(Date.now() - started).toBeLessThan(5_000)
    } finally {
      router.mode = 'answer'
    }
  })

  it('survives a socket dropped in the middle of a command (no uncaught exception)', async () => {
    router.mode = 'drop'
    try {
      expect((await failure(routerHealth(target()))).kind).toMatch(/connection|timeout/)
    } finally {
      router.mode = 'answer'
    }
    expect(await routerHealth(target())).toMatchObject({ identity: 'Downtown-hAP' })
  })

  it('talks to api-ssl over TLS (self-signed certificate, as routers have)', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'routeros-tls-'))
    const [key, cert] = [path.join(directory, 'key.pem'), path.join(directory, 'cert.pem')]
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=router'], { stdio: 'ignore' })
    const secure = new FakeRouterOs()
    const port = await secure.start({ tls: { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') } })
    try {
      expect(await routerHealth({ ...target(), port, tls: true })).toMatchObject({ version: '7.18.2 (stable)' })
      // Plain TCP against the TLS port fails cleanly.
      expect((await failure(routerHealth({ ...target(), port, tls: false, timeoutSeconds: 1 }))).kind).toMatch(/connection|timeout/)
    } finally {
      await secure.stop()
    }
  })
})
