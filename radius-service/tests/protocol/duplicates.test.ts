import { describe, expect, it } from 'vitest'

import { DuplicateCache, duplicateKey } from '../../src/protocol/duplicates'
import { MalformedPacketError, RADIUS_CODES, buildPacket } from '../../src/protocol/packet'

const WINDOW_MS = 30_000
const REPLY = Buffer.from('reply')

function request(overrides: { code?: number; identifier?: number; authenticator?: Buffer; attributes?: Buffer } = {}): Buffer {
  return buildPacket({
    code: RADIUS_CODES['Access-Request'],
    identifier: 42,
    authenticator: Buffer.alloc(16, 0xab),
    attributes: Buffer.from('0105626f62', 'hex'),
    ...overrides,
  })
}

/** A cache on a clock the test moves by hand. */
function cacheWithClock(maxEntries?: number) {
  const clock = { now: 1_000_000 }
  const cache = new DuplicateCache({ windowMs: WINDOW_MS, maxEntries, now: () => clock.now })
  return { cache, clock }
}

describe('duplicateKey', () => {
  const key = duplicateKey('10.0.0.1', 1645, request())

  it('is the same for a retransmission, whatever its attributes', () => {
    expect(duplicateKey('10.0.0.1', 1645, request({ attributes: Buffer.alloc(0) }))).toBe(key)
  })

  it.each([
    ['source address', duplicateKey('10.0.0.2', 1645, request())],
    ['source port', duplicateKey('10.0.0.1', 1646, request())],
    ['code', duplicateKey('10.0.0.1', 1645, request({ code: RADIUS_CODES['Accounting-Request'] }))],
    ['identifier', duplicateKey('10.0.0.1', 1645, request({ identifier: 43 }))],
    ['request authenticator', duplicateKey('10.0.0.1', 1645, request({ authenticator: Buffer.alloc(16, 0xac) }))],
  ])('differs by %s', (_what, other) => {
    expect(other).not.toBe(key)
  })

  it('refuses a datagram without a whole header', () => {
    expect(() => duplicateKey('10.0.0.1', 1645, Buffer.alloc(19))).toThrow(MalformedPacketError)
  })
})

describe('DuplicateCache', () => {
  it('goes from new to in-progress to answered with the reply sent', () => {
    const { cache } = cacheWithClock()
    expect(cache.lookup('a')).toEqual({ state: 'new' })
    cache.begin('a')
    expect(cache.lookup('a')).toEqual({ state: 'in-progress' })
    cache.finish('a', REPLY)
    expect(cache.lookup('a')).toEqual({ state: 'answered', reply: REPLY })
    expect(cache.lookup('a')).toEqual({ state: 'answered', reply: REPLY })
    expect(cache.lookup('b')).toEqual({ state: 'new' })
  })

  it('forgets a request that got no reply, so its retransmission is processed again', () => {
    const { cache } = cacheWithClock()
    cache.begin('a')
    cache.finish('a', null)
    expect(cache.lookup('a')).toEqual({ state: 'new' })
    expect(cache.size).toBe(0)
  })

  it('replays a reply for windowMs after it was sent, then forgets it', () => {
    const { cache, clock } = cacheWithClock()
    cache.begin('a')
    clock.now += 10_000
    cache.finish('a', REPLY)
    clock.now += WINDOW_MS - 1
    expect(cache.lookup('a')).toEqual({ state: 'answered', reply: REPLY })
    clock.now += 1
    expect(cache.lookup('a')).toEqual({ state: 'new' })
    expect(cache.size).toBe(0)
  })

  it('gives up on a request still in progress after windowMs', () => {
    const { cache, clock } = cacheWithClock()
    cache.begin('a')
    clock.now += WINDOW_MS - 1
    expect(cache.lookup('a')).toEqual({ state: 'in-progress' })
    clock.now += 1
    expect(cache.lookup('a')).toEqual({ state: 'new' })
  })

  it('drops expired entries while looking up others', () => {
    const { cache, clock } = cacheWithClock()
    cache.begin('old')
    cache.finish('old', REPLY)
    clock.now += WINDOW_MS / 2
    cache.begin('young')
    clock.now += WINDOW_MS / 2
    expect(cache.lookup('young')).toEqual({ state: 'in-progress' })
    expect(cache.size).toBe(1)
  })

  it('does not replay an expired entry when the clock steps back', () => {
    const { cache, clock } = cacheWithClock()
    cache.begin('early')
    clock.now -= 5_000
    cache.begin('stepped-back')
    clock.now += 5_000 + WINDOW_MS
    expect(cache.lookup('stepped-back')).toEqual({ state: 'new' })
    expect(cache.lookup('early')).toEqual({ state: 'new' })
  })

  it('holds at most maxEntries, evicting the oldest', () => {
    const { cache, clock } = cacheWithClock(3)
    for (const key of ['a', 'b', 'c', 'd']) {
      cache.begin(key)
      cache.finish(key, Buffer.from(key))
      clock.now += 1
    }
    expect(cache.size).toBe(3)
    expect(cache.lookup('a')).toEqual({ state: 'new' })
    expect(cache.lookup('d')).toEqual({ state: 'answered', reply: Buffer.from('d') })

    cache.begin('e')
    expect(cache.size).toBe(3)
    expect(cache.lookup('b')).toEqual({ state: 'new' })
    expect(cache.lookup('c')).toEqual({ state: 'answered', reply: Buffer.from('c') })
  })

  it('counts age from the last write: a request answered late is evicted after younger ones', () => {
    const { cache, clock } = cacheWithClock(2)
    cache.begin('slow')
    clock.now += 1
    cache.begin('fast')
    cache.finish('fast', REPLY)
    clock.now += 1
    cache.finish('slow', REPLY)
    cache.begin('next')
    expect(cache.lookup('fast')).toEqual({ state: 'new' })
    expect(cache.lookup('slow')).toEqual({ state: 'answered', reply: REPLY })
  })

  it('stays bounded under a flood of distinct requests', () => {
    const { cache } = cacheWithClock(1_000)
    for (let index = 0; index < 10_000; index++) cache.begin(`flood-${index}`)
    expect(cache.size).toBe(1_000)
    expect(cache.lookup('flood-8999')).toEqual({ state: 'new' })
    expect(cache.lookup('flood-9000')).toEqual({ state: 'in-progress' })
  })

  it.each([
    [{ windowMs: 0 }, /windowMs/],
    [{ windowMs: Number.NaN }, /windowMs/],
    [{ windowMs: 1, maxEntries: 0 }, /maxEntries/],
    [{ windowMs: 1, maxEntries: 1.5 }, /maxEntries/],
  ])('refuses %j', (options, message) => {
    expect(() => new DuplicateCache(options)).toThrow(message)
  })
})
