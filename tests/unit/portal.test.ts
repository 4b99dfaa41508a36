import { describe, expect, it } from 'vitest'

import { canonicalPhone } from '@/lib/phone'
import { readSigned, signValue } from '@/lib/signed'
import { captivePortalState } from '@/plugins/network/captivePortal/endpoint'
import type { DeviceAllowance } from '@/plugins/network/captivePortal/allowance'
import { DEVICE_COOKIE, readDeviceTicket, signDeviceTicket } from '@/plugins/network/captivePortal/deviceTicket'
import { handoffPage } from '@/portal/handoff'
import { chapPasswordHex, hotspotSearch, isRouterLoginUrl, readHotspot, routerLoginFields, routerOsOctets } from '@/portal/hotspot'
import { attemptKeysOf, attemptSucceeded, beginAttempt, portalFailures } from '@/portal/limits'
import { problemMessage, routerErrorMessage } from '@/portal/messages'
import { csrfTokenFor, csrfTokenMatches } from '@/portal/tokens'

import { verifyChap } from '../../radius-service/src/protocol/chap'

process.env.PAYLOAD_SECRET ||= 'unit-test-secret'

const HOTSPOT = {
  mac: 'a4-5e-60-c1-22-01',
  ip: '10.5.50.12',
  'link-login-only': 'http://10.5.50.1/login',
  'link-orig': 'http://example.com/news',
  'chap-id': '\\375',
  'chap-challenge': '\\123\\001\\377\\000Ab',
}

describe('RouterOS hotspot variables', () => {
  it('reads octal escapes, plain printable characters and escaped quotes as octets', () => {
    expect(routerOsOctets('\\375')).toEqual(Buffer.of(0o375))
    expect(routerOsOctets('\\123\\001\\377\\000Ab')).toEqual(Buffer.from([0o123, 1, 0o377, 0, 0x41, 0x62]))
    expect(routerOsOctets("\\\\\\'")).toEqual(Buffer.from("\\'"))
    expect(routerOsOctets('')).toEqual(Buffer.alloc(0))
  })

  it('refuses what RouterOS never writes', () => {
    expect(routerOsOctets('\\9')).toBeNull()
    expect(routerOsOctets('\\400')).toBeNull()
    expect(routerOsOctets('é')).toBeNull()
    expect(routerOsOctets('a\nb')).toBeNull()
  })

  it('reads a hotspot redirect into the device, its router URLs and its CHAP challenge', () => {
    const reading = readHotspot(new URLSearchParams(HOTSPOT), [])
    expect(reading.kind).toBe('ok')
    if (reading.kind !== 'ok') return
    expect(reading.hotspot).toEqual({
      mac: 'A4:5E:60:C1:22:01',
      ip: '10.5.50.12',
      loginUrl: 'http://10.5.50.1/login',
      logoutUrl: 'http://10.5.50.1/logout',
      originalUrl: 'http://example.com/news',
      chap: { id: Buffer.of(0o375), challenge: Buffer.from([0o123, 1, 0o377, 0, 0x41, 0x62]) },
    })
    // Carried between pages in canonical form, RouterOS's escapes untouched, `error` dropped.
    const again = readHotspot(new URLSearchParams(hotspotSearch(reading.query).slice(1)), [])
    expect(again).toEqual({ ...reading, routerError: null })
  })

  it('takes Next.js search params (arrays from repeated names: the first counts)', () => {
    const reading = readHotspot(
      { ...HOTSPOT, mac: ['A4:5E:60:C1:22:01', 'nonsense'], 'chap-id': undefined, 'chap-challenge': undefined },
      [],
    )
    expect(reading.kind === 'ok' && reading.hotspot.chap).toBeNull()
  })

  it.each([
    [{ mac: 'zz' }, 'did not say which device'],
    [{ 'link-login-only': 'javascript:alert(1)' }, 'login address'],
    [{ 'link-login-only': 'http://user:secret@10.5.50.1/login' }, 'login address'],
    [{ 'link-login-only': `http://10.5.50.1/${'x'.repeat(3000)}` }, 'login address'],
    [{ ip: '10.5.50' }, 'device address'],
    [{ 'chap-id': '\\375\\001' }, 'challenge'],
    [{ 'chap-challenge': '', 'chap-id': '\\375' }, 'challenge'],
    [{ 'chap-challenge': 'é' }, 'challenge'],
  ])('explains a malformed variable: %j', (change, words) => {
    const reading = readHotspot(new URLSearchParams({ ...HOTSPOT, ...change }), [])
    expect(reading.kind).toBe('invalid')
    expect(reading.kind === 'invalid' && reading.problem).toContain(words)
  })

  it("hands sign-ins only to a router's own login page: a private address, or the branch's hotspot addresses when set", () => {
    const allowed = (url: string, addresses: string[] = []) => isRouterLoginUrl(new URL(url), addresses)
    for (const url of [
      'http://10.5.50.1/login',
      'http://172.16.0.1/login',
      'http://192.168.88.1/login',
      'http://169.254.1.1/login',
      'http://[fd00::1]/login',
    ]) {
      expect(allowed(url), url).toBe(true)
    }
    for (const url of [
      'http://8.8.8.8/login',
      'https://evil.example/login',
      'http://172.32.0.1/login',
      'http://100.64.1.1/login',
      'http://127.0.0.1/login',
      'http://[2001:db8::1]/login',
    ]) {
      expect(allowed(url), url).toBe(false)
    }
    // Pinned: only the hotspot's own name or address, even among private ones.
    expect(allowed('https://Hotspot.Example.com./login', ['hotspot.example.com'])).toBe(true)
    expect(allowed('http://10.5.50.1/login', ['hotspot.example.com'])).toBe(false)
    expect(allowed('http://hotspot.example.com.evil/login', ['hotspot.example.com'])).toBe(false)
    expect(allowed('http://10.5.50.1:8080/login', ['10.5.50.1'])).toBe(true)
    expect(allowed('http://10.5.50.66/login', ['10.5.50.1'])).toBe(false)
    expect(allowed('http://127.0.0.1:4000/x/login', ['127.0.0.1'])).toBe(true)
    const reading = readHotspot(new URLSearchParams({ ...HOTSPOT, 'link-login-only': 'https://evil.example/login' }), [])
    expect(reading).toMatchObject({ kind: 'invalid', problem: expect.stringContaining("not opened from this WiFi network's login page") })
  })

  it('is "none" without the hotspot, keeping the router error (capped) for the page', () => {
    expect(readHotspot(new URLSearchParams(), [])).toEqual({ kind: 'none', routerError: null })
    expect(readHotspot(new URLSearchParams({ error: 'x'.repeat(500) }), [])).toEqual({ kind: 'none', routerError: 'x'.repeat(200) })
  })

  it('drops a link-orig that is not a web address', () => {
    const reading = readHotspot(new URLSearchParams({ ...HOTSPOT, 'link-orig': 'file:///etc/passwd' }), [])
    expect(reading.kind === 'ok' && reading.hotspot.originalUrl).toBeNull()
  })

  it('answers CHAP as MikroTik’s login page does, which the RADIUS service then verifies', () => {
    const chap = { id: Buffer.of(0o375), challenge: Buffer.from('0123456789abcdef') }
    const hex = chapPasswordHex(chap, 'one-time-secret')
    expect(hex).toMatch(/^[0-9a-f]{32}$/)
    const chapPassword = Buffer.concat([chap.id, Buffer.from(hex, 'hex')])
    expect(verifyChap({ chapPassword, challenge: chap.challenge, password: 'one-time-secret' })).toBe(true)
    expect(verifyChap({ chapPassword, challenge: chap.challenge, password: 'another' })).toBe(false)
  })

  it('posts PAP passwords in clear and CHAP ones hashed, with dst', () => {
    const reading = readHotspot(new URLSearchParams(HOTSPOT), [])
    if (reading.kind !== 'ok') throw new Error('unreadable')
    const credentials = { username: 'portal-0123456789abcdef0123', password: 'pw' }
    expect(routerLoginFields({ ...reading.hotspot, chap: null }, credentials, 'https://beacon/status')).toEqual({
      username: 'portal-0123456789abcdef0123',
      password: 'pw',
      dst: 'https://beacon/status',
      popup: 'false',
    })
    expect(routerLoginFields(reading.hotspot, credentials, 'x').password).toBe(chapPasswordHex(reading.hotspot.chap!, 'pw'))
  })

  it('writes the hand-off page with every value escaped', () => {
    const html = handoffPage({
      action: 'http://10.5.50.1/login?a="b"',
      fields: { dst: '<script>x</script>' },
      title: "Tom & Jerry's",
      color: '#0f766e',
    })
    expect(html).toContain('action="http://10.5.50.1/login?a=&quot;b&quot;"')
    expect(html).toContain('value="&lt;script&gt;x&lt;/script&gt;"')
    expect(html).toContain('Tom &amp; Jerry&#39;s')
    expect(html).toContain('<button type="submit">Connect to the internet</button>')
  })
})

describe('signed values and CSRF tokens', () => {
  it('reads back what it signed until it expires', () => {
    const later = new Date(Date.now() + 60_000)
    const token = signValue('test/v1', { a: 1 }, later)
    expect(readSigned('test/v1', token)).toEqual({ a: 1 })
    expect(readSigned('test/v1', token, new Date(later.getTime() + 1000))).toBeNull()
    expect(readSigned('other/v1', token)).toBeNull()
  })

  it('refuses a changed body, a changed MAC and garbage', () => {
    const token = signValue('test/v1', { session: 'a' }, new Date(Date.now() + 60_000))
    const [body, mac] = token.split('.')
    const forged = Buffer.from(JSON.stringify({ v: { session: 'b' }, exp: 9_999_999_999 })).toString('base64url')
    expect(readSigned('test/v1', `${forged}.${mac}`)).toBeNull()
    expect(readSigned('test/v1', `${body}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`)).toBeNull()
    for (const garbage of ['', '.', 'abc', `${body}.`, 'x'.repeat(5000)]) expect(readSigned('test/v1', garbage)).toBeNull()
  })

  it('keeps the device ticket in a cookie nobody else can write', () => {
    const ticket = { session: 's1', organization: 'o1', mac: 'A4:5E:60:C1:22:01', logoutUrl: 'http://10.5.50.1/logout' }
    expect(DEVICE_COOKIE).toBe('beacon-portal-device')
    expect(readDeviceTicket(signDeviceTicket(ticket, new Date(Date.now() + 60_000)))).toEqual(ticket)
    expect(readDeviceTicket(signValue('beacon/portal-csrf/v1', ticket, new Date(Date.now() + 60_000)))).toBeNull()
  })

  it('matches a CSRF token only to its own cookie', () => {
    const token = csrfTokenFor('cookie-a')
    expect(csrfTokenMatches('cookie-a', token)).toBe(true)
    expect(csrfTokenMatches('cookie-b', token)).toBe(false)
    expect(csrfTokenMatches(undefined, token)).toBe(false)
    expect(csrfTokenMatches('cookie-a', null)).toBe(false)
    expect(csrfTokenMatches('cookie-a', 'x'.repeat(500))).toBe(false)
  })
})

describe('portal words and limits', () => {
  it('shows only its own problem messages, never text from the address', () => {
    expect(problemMessage('unknown-code')).toBe('This voucher code is not valid.')
    expect(problemMessage('too-many', '3')).toBe(
      'Too many wrong attempts from this device. Please wait 3 minutes and try again, or ask the staff for help.',
    )
    expect(problemMessage('too-many', '9999')).toContain('wait 15 minutes')
    expect(problemMessage('<b>hi</b>')).toBeNull()
    expect(problemMessage('constructor')).toBeNull()
    expect(problemMessage(undefined)).toBeNull()
  })

  it("repeats the router's error only when it is Beacon's own Reply-Message", () => {
    expect(routerErrorMessage('This voucher has expired.')).toBe('This voucher has expired.')
    expect(routerErrorMessage('RADIUS server is not responding')).toContain('cannot reach its sign-in service')
    expect(routerErrorMessage('Send your PIN to +1 555')).toBe('The WiFi network could not sign this device in. Please try again.')
    expect(routerErrorMessage(null)).toBeNull()
  })

  it("repeats the account's devices refusal the RADIUS service sends, for any number, and nothing made to look like it", () => {
    const two = 'Your account is already in use on 2 devices, the most your plan allows. Sign out on another device first.'
    const one = 'Your account is already in use on 1 device, the most your plan allows. Sign out on another device first.'
    expect(routerErrorMessage(two)).toBe(two)
    expect(routerErrorMessage(one)).toBe(one)
    for (const forged of [
      'Your account is already in use on 1 devices, the most your plan allows. Sign out on another device first.',
      'Your account is already in use on 2 devices, the most your plan allows. Send your PIN to +1 555.',
    ]) {
      expect(routerErrorMessage(forged)).toBe('The WiFi network could not sign this device in. Please try again.')
    }
  })

  it('reads phone numbers as + and digits', () => {
    expect(canonicalPhone('+254 700 000-001')).toBe('+254700000001')
    expect(canonicalPhone('(0700) 000 001')).toBe('0700000001')
    expect(canonicalPhone('12345')).toBeNull()
    expect(canonicalPhone('+1234567890123456')).toBeNull()
    expect(canonicalPhone('alice@example.com')).toBeNull()
  })

  it('slows a device down after 10 failures and an address after 60, and a success is not counted', () => {
    const now = Date.now()
    const keys = attemptKeysOf({ organization: 'org-limits', mac: 'A4:5E:60:00:00:01', ip: '198.51.100.9' })
    for (let attempt = 0; attempt < 10; attempt++) expect(beginAttempt(keys, now)).toBeNull()
    expect(beginAttempt(keys, now)).toEqual({ waitMinutes: 15 })
    expect(beginAttempt(keys, now + 15 * 60_000 + 1)).toBeNull()

    const other = attemptKeysOf({ organization: 'org-limits', mac: 'A4:5E:60:00:00:02', ip: '198.51.100.10' })
    expect(beginAttempt(other, now)).toBeNull()
    attemptSucceeded(other, now)
    expect(portalFailures.device.count(other.device!, now)).toBe(0)

    // One address, many devices (a venue behind one address): 60 failures, then it waits too,
    // from any /64 of the same IPv6 /48.
    for (let device = 0; device < 60; device++) {
      expect(
        beginAttempt(
          attemptKeysOf({
            organization: 'org-limits',
            mac: `A4:5E:60:00:01:${device.toString(16).padStart(2, '0')}`,
            ip: '2001:db8:1:2::1',
          }),
          now,
        ),
      ).toBeNull()
    }
    expect(beginAttempt(attemptKeysOf({ organization: 'org-limits', mac: 'A4:5E:60:00:02:00', ip: '2001:db8:1:ffff::99' }), now)).toEqual({
      waitMinutes: 15,
    })
  })

  it("slows an organization's guessers once it has had 600 wrong attempts, not customers who get it right first time", () => {
    const now = Date.now()
    const keys = (n: number) => attemptKeysOf({ organization: 'org-budget', mac: null, ip: `198.18.${Math.floor(n / 250)}.${n % 250}` })
    for (let n = 0; n < 600; n++) expect(beginAttempt(keys(n), now)).toBeNull()
    // An address that already failed here waits; a fresh one is still answered.
    expect(beginAttempt(keys(0), now)).toEqual({ waitMinutes: 15 })
    const fresh = keys(700)
    expect(beginAttempt(fresh, now)).toBeNull()
    attemptSucceeded(fresh, now)
    // Guessers on ever new addresses: past three times the budget, everyone waits.
    for (let n = 1000; n < 2200; n++) expect(beginAttempt(keys(n), now)).toBeNull()
    expect(beginAttempt(keys(5000), now)).toEqual({ waitMinutes: 15 })
    expect(beginAttempt(keys(0), now + 15 * 60_000 + 1)).toBeNull()
  })
})

describe('RFC 8908 state', () => {
  const urls = { portal: 'https://b/portal/o/l', status: 'https://b/portal/o/l/status', venue: 'https://b/portal/o/l/plans' }
  const allowance = (overrides: Partial<DeviceAllowance>): DeviceAllowance => ({
    session: {
      id: 's',
      status: 'active',
      deviceMac: 'A4:5E:60:C1:22:01',
      ip: '10.5.50.12',
      startedAt: new Date(),
      expiresAt: new Date(Date.now() + 3600_000),
      endedAt: null,
      terminateCause: null,
      organization: 'o',
      location: 'l',
      router: 'r',
      user: 'u',
      viaVoucher: true,
    },
    plan: { name: '1 Hour', dataCapMB: null, devicesAllowed: 1 },
    usedBytes: 0,
    devicesOnline: 1,
    secondsLeft: 3599,
    bytesLeft: null,
    live: true,
    renewable: false,
    ...overrides,
  })

  it('is captive without a live session, and points at the portal', () => {
    expect(captivePortalState(null, urls, { locked: false })).toEqual({
      captive: true,
      'user-portal-url': urls.portal,
      'venue-info-url': urls.venue,
    })
    const pending = allowance({})
    pending.session.status = 'pending'
    // Pending: the portal handed it to the router, which has not let it in (yet).
    expect(captivePortalState(pending, urls, { locked: false }).captive).toBe(true)
    for (const ended of [{ live: false }, { secondsLeft: 0 }, { bytesLeft: 0 }]) {
      expect(captivePortalState(allowance(ended), urls, { locked: false }).captive).toBe(true)
    }
    expect(captivePortalState(allowance({}), urls, { locked: true }).captive).toBe(true)
  })

  it('tells a live device its seconds and bytes remaining', () => {
    expect(captivePortalState(allowance({ secondsLeft: 1800, bytesLeft: 5_000 }), urls, { locked: false })).toEqual({
      captive: false,
      'user-portal-url': urls.status,
      'venue-info-url': urls.venue,
      'can-extend-session': false,
      'seconds-remaining': 1800,
      'bytes-remaining': 5_000,
    })
    expect(captivePortalState(allowance({}), urls, { locked: false })).not.toHaveProperty('bytes-remaining')
    // A customer's subscription that runs on: the portal continues it.
    expect(captivePortalState(allowance({ renewable: true }), urls, { locked: false })['can-extend-session']).toBe(true)
  })
})
