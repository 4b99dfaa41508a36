import { describe, expect, it } from 'vitest'

import { effectivePermissions, ROLE_PERMISSIONS, scopeOf } from '@/access'
import { addressBlock, clientIpOf } from '@/lib/clientIp'
import { FailureWindow } from '@/lib/failureWindow'
import { isCurrency, isTimeZone } from '@/lib/intl'
import { canonicalIp } from '@/lib/ip'
import { canonicalMac } from '@/lib/mac'
import { decryptSecret, encryptSecret } from '@/lib/secrets'
import { deviceInfoOf, storedUserAgent } from '@/lib/userAgent'

describe('canonicalMac', () => {
  it.each([
    ['aa:bb:cc:dd:ee:ff', 'AA:BB:CC:DD:EE:FF'],
    ['AA-BB-CC-DD-EE-FF', 'AA:BB:CC:DD:EE:FF'],
    ['aabb.ccdd.eeff', 'AA:BB:CC:DD:EE:FF'],
    ['aabbccddeeff', 'AA:BB:CC:DD:EE:FF'],
    [' a4:5e:60:c1:22:01 ', 'A4:5E:60:C1:22:01'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalMac(input)).toBe(expected)
  })

  it.each(['', 'aa:bb:cc:dd:ee', 'gg:bb:cc:dd:ee:ff', 'aa:bb:cc:dd:ee:ff:00', 'hello'])('refuses %j', (input) => {
    expect(canonicalMac(input)).toBeNull()
  })
})

describe('secrets at rest', () => {
  it('round-trips and never repeats a ciphertext', () => {
    const a = encryptSecret('router-secret', 'master-1')
    const b = encryptSecret('router-secret', 'master-1')
    expect(a).not.toBe(b)
    expect(decryptSecret(a, 'master-1')).toBe('router-secret')
  })

  it('refuses a different master secret and tampered data', () => {
    const stored = encryptSecret('router-secret', 'master-1')
    expect(() => decryptSecret(stored, 'master-2')).toThrow()
    const [version, iv, tag, data] = stored.split(':')
    const flipped = Buffer.from(data, 'base64url')
    flipped[0] ^= 1
    expect(() => decryptSecret([version, iv, tag, flipped.toString('base64url')].join(':'), 'master-1')).toThrow()
    expect(() => decryptSecret('plain-text', 'master-1')).toThrow(/format/)
  })

  it('needs a master secret', () => {
    expect(() => encryptSecret('x', '')).toThrow(/PAYLOAD_SECRET/)
  })
})

describe('time zones and currencies', () => {
  it('knows real ones and refuses made-up ones', () => {
    expect(isTimeZone('Africa/Nairobi')).toBe(true)
    expect(isTimeZone('UTC')).toBe(true)
    expect(isTimeZone('Mars/Olympus')).toBe(false)
    // Today's names, which ICU lists under their older ones (Asia/Calcutta, Europe/Kiev, …).
    for (const zone of ['Asia/Kolkata', 'Europe/Kyiv', 'Asia/Kathmandu', 'Asia/Ho_Chi_Minh', 'America/Argentina/Buenos_Aires']) {
      expect(isTimeZone(zone), zone).toBe(true)
    }
    expect(isTimeZone('Nairobi')).toBe(false)
    expect(isCurrency('KES')).toBe(true)
    expect(isCurrency('XXY')).toBe(false)
  })
})

describe('role defaults and overrides', () => {
  it('adds and removes on top of the role, ignoring unknown names', () => {
    const permissions = effectivePermissions('agent', ['locations.create', 'made.up'], ['users.read'])
    expect(permissions.has('locations.create')).toBe(true)
    expect(permissions.has('users.read')).toBe(false)
    expect([...permissions]).not.toContain('made.up')
  })

  it('gives customers only their own WiFi sessions and tickets by default and viewers only reads', () => {
    // Customers' grants have self scope: `sessions.read` reaches the sessions whose user they are,
    // `tickets.*` the tickets they opened.
    expect(ROLE_PERMISSIONS.customer).toEqual(['sessions.read', 'tickets.create', 'tickets.read'])
    expect(ROLE_PERMISSIONS.viewer.every((permission) => permission.endsWith('.read'))).toBe(true)
  })

  it('narrows staff to their branches when the membership lists any', () => {
    expect(scopeOf('org-admin', 2)).toBe('organization')
    expect(scopeOf('loc-manager', 0)).toBe('branch')
    expect(scopeOf('agent', 0)).toBe('organization')
    expect(scopeOf('agent', 1)).toBe('branch')
    expect(scopeOf('customer', 1)).toBe('self')
  })
})

describe('canonicalIp', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    [' 10.0.0.1 ', '10.0.0.1'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['::FFFF:7f00:1', '127.0.0.1'],
    ['2001:0db8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:DB8::1', '2001:db8::1'],
    ['::', '::'],
  ])('%j is stored as %j', (input, stored) => {
    expect(canonicalIp(input)).toBe(stored)
  })

  it.each(['127.000.0.1', '1.2.3', '256.1.1.1', 'fe80::1%eth0', 'example.com', ''])('%j is not an address', (input) => {
    expect(canonicalIp(input)).toBeNull()
  })
})

describe('clientIpOf', () => {
  it('takes the socket address unless a trusted proxy header is configured', () => {
    expect(clientIpOf({ 'x-forwarded-for': '6.6.6.6' }, '::ffff:127.0.0.1')).toBe('127.0.0.1')
    expect(clientIpOf({}, undefined)).toBeNull()
  })

  it('behind a proxy, takes the last address of the trusted header (the one the proxy added)', () => {
    expect(clientIpOf({ 'x-forwarded-for': '6.6.6.6, 203.0.113.9' }, '10.0.0.2', 'X-Forwarded-For')).toBe('203.0.113.9')
    expect(clientIpOf({ 'x-real-ip': '[2001:DB8::1]:443' }, '10.0.0.2', 'x-real-ip')).toBe('2001:db8::1')
    expect(clientIpOf({ 'x-real-ip': '198.51.100.4:5123' }, '10.0.0.2', 'x-real-ip')).toBe('198.51.100.4')
  })

  it('a request without the trusted header (not through the proxy) is known by its socket', () => {
    expect(clientIpOf({ 'x-forwarded-for': 'not-an-address' }, '10.0.0.2', 'x-forwarded-for')).toBe('10.0.0.2')
    expect(clientIpOf({}, '10.0.0.2', 'x-forwarded-for')).toBe('10.0.0.2')
  })
})

describe('addressBlock', () => {
  it('counts IPv4 addresses one by one and IPv6 by their /64', () => {
    expect(addressBlock('203.0.113.7')).toBe('203.0.113.7')
    expect(addressBlock('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64')
    expect(addressBlock('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64')
    expect(addressBlock('2001:db8::7')).toBe('2001:db8:0:0::/64')
    expect(addressBlock('::1')).toBe('0:0:0:0::/64')
    expect(addressBlock('2001:db8:1:2:aaaa::1', 48)).toBe('2001:db8:1::/48')
    expect(addressBlock('2001:db8:1:ffff::9', 48)).toBe('2001:db8:1::/48')
    expect(addressBlock('203.0.113.7', 48)).toBe('203.0.113.7')
  })
})

describe('deviceInfoOf', () => {
  it('reads browser, system and kind of device from a user agent', () => {
    expect(deviceInfoOf('Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36')).toEqual({
      browser: 'Chrome 120',
      os: 'Android 14',
      deviceType: 'tablet',
      summary: 'Chrome 120 on Android 14 · Samsung SM-X710 (tablet)',
    })
    expect(deviceInfoOf('Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0').summary).toBe('Firefox 121 on Linux (desktop)')
    expect(deviceInfoOf('')).toEqual({ browser: null, os: null, deviceType: 'unknown', summary: 'Unknown device' })
    expect(deviceInfoOf('curl/8.4.0').summary).toBe('curl/8.4.0 (unknown)')
  })

  it('keeps at most 512 characters of a user agent', () => {
    expect(storedUserAgent(`Mozilla/5.0 ${'x'.repeat(2000)}`)).toHaveLength(512)
    expect(storedUserAgent('   ')).toBeNull()
  })
})

describe('FailureWindow', () => {
  it('refuses a key once it has `limit` failures inside the window, and lets it try again as they age out', () => {
    const window = new FailureWindow(3, 60_000)
    const start = 1_000_000
    window.fail('a', start)
    window.fail('a', start + 10_000)
    expect(window.exhausted('a', start + 10_000)).toBe(false)
    window.fail('a', start + 20_000)
    expect(window.exhausted('a', start + 20_000)).toBe(true)
    expect(window.exhausted('b', start + 20_000)).toBe(false)
    expect(window.retryAfterMs('a', start + 20_000)).toBe(40_000)
    expect(window.exhausted('a', start + 60_001)).toBe(false)
    expect(window.count('a', start + 80_001)).toBe(0)
  })

  it('takes back an attempt counted in advance that succeeded', () => {
    const window = new FailureWindow(2, 60_000)
    window.fail('a', 1)
    window.fail('a', 2)
    expect(window.exhausted('a', 3)).toBe(true)
    window.refund('a', 3)
    expect(window.count('a', 3)).toBe(1)
    window.refund('a', 3)
    window.refund('a', 3)
    expect(window.count('a', 3)).toBe(0)
  })

  it('forgets the idlest keys beyond its bound', () => {
    const window = new FailureWindow(1, 60_000, 2)
    window.fail('first', 1)
    window.fail('second', 2)
    window.fail('third', 3)
    expect(window.count('first', 4)).toBe(0)
    expect(window.count('third', 4)).toBe(1)
  })
})
