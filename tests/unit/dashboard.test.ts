import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import { emptyReason, UsageCharts } from '@/dashboard/components/UsageCharts'
import { startOfToday } from '@/dashboard/overview'
import { hourBuckets } from '@/dashboard/usage'
import { searchWhere } from '@/dashboard/liveSessions'
import { dateFormatOfLocale, dateStyleOf, formatDateTime, parseDateTime, parseDay, zoneLabel } from '@/lib/dates'
import { formatBytes, formatDuration, formatMinutes } from '@/lib/format'
import { hotspotLoginHtml } from '@/plugins/network/routers/hotspotLogin'

describe('formatBytes', () => {
  it('counts in binary units, as plans count data', () => {
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(1023)).toBe('1023 B')
    expect(formatBytes(1024)).toBe('1.0 KB')
    expect(formatBytes(84 * 1_048_576)).toBe('84.0 MB')
    expect(formatBytes(5 * 1024 ** 3)).toBe('5.0 GB')
    expect(formatBytes(250 * 1024 ** 3)).toBe('250 GB')
    expect(formatBytes(Number.NaN)).toBe('0 B')
  })
})

describe('formatDateTime', () => {
  it('writes a moment in the given time zone and the organization’s date format, and a dash for none', () => {
    expect(formatDateTime('2026-11-23T01:57:00Z', { timeZone: 'Africa/Nairobi', dateFormat: 'dd/MM/yyyy' })).toBe('23/11/2026 04:57')
    expect(formatDateTime('2026-11-23T01:57:00Z', { timeZone: 'UTC', dateFormat: 'MM/dd/yyyy' })).toBe('11/23/2026 01:57')
    expect(formatDateTime('2026-11-23T01:57:00Z', { timeZone: 'UTC', dateFormat: 'yyyy-MM-dd' })).toBe('2026-11-23 01:57')
    expect(formatDateTime(null, { timeZone: 'UTC', dateFormat: 'dd/MM/yyyy' })).toBe('—')
  })
})

describe("an organization's dates", () => {
  it('follow its chosen format, else its locale', () => {
    expect(dateStyleOf({ timeZone: 'Africa/Nairobi', locale: 'en-KE' })).toEqual({ timeZone: 'Africa/Nairobi', dateFormat: 'dd/MM/yyyy' })
    expect(dateStyleOf({ timeZone: 'America/Chicago', locale: 'en-US' }, 'America/Denver')).toEqual({ timeZone: 'America/Denver', dateFormat: 'MM/dd/yyyy' })
    expect(dateStyleOf({ timeZone: 'UTC', locale: 'en-US', dateFormat: 'yyyy-MM-dd' }).dateFormat).toBe('yyyy-MM-dd')
    expect([dateFormatOfLocale('de-DE'), dateFormatOfLocale('sv-SE'), dateFormatOfLocale(null), dateFormatOfLocale('not a locale')]).toEqual([
      'dd.MM.yyyy',
      'yyyy-MM-dd',
      'dd/MM/yyyy',
      'dd/MM/yyyy',
    ])
  })

  it('are read as typed in that format and zone, never the browser’s', () => {
    const nairobi = { timeZone: 'Africa/Nairobi', dateFormat: 'dd/MM/yyyy' } as const
    expect(parseDateTime('03/02/2025 10:00', nairobi)?.toISOString()).toBe('2025-02-03T07:00:00.000Z')
    expect(parseDateTime('02/03/2025 10:00', { ...nairobi, dateFormat: 'MM/dd/yyyy' })?.toISOString()).toBe('2025-02-03T07:00:00.000Z')
    expect(parseDateTime('30/02/2025 10:00', nairobi)).toBeNull()
    expect(parseDateTime('03/02/2025 25:00', nairobi)).toBeNull()
    expect(parseDay('2025-02-03', 'dd/MM/yyyy')).toEqual({ year: 2025, month: 2, day: 3 })
    expect(parseDay('2025-02-30', 'dd/MM/yyyy')).toBeNull()
    expect(zoneLabel('Africa/Nairobi')).toBe('East Africa Time (Africa/Nairobi)')
  })
})

describe('formatMinutes', () => {
  it('says lengths of time in units', () => {
    expect([0, 45, 60, 90, 1440, 1500, 2 * 1440 + 6 * 60, -30].map(formatMinutes)).toEqual([
      '0 min',
      '45 min',
      '1 h',
      '1 h 30 min',
      '1 day',
      '1 day 1 h',
      '2 days 6 h',
      '−30 min',
    ])
  })
})

describe('formatDuration', () => {
  it('reads as time left', () => {
    expect(formatDuration(-5_000)).toBe('0 s')
    expect(formatDuration(45_000)).toBe('45 s')
    expect(formatDuration(39 * 60_000 + 10_000)).toBe('39 min')
    expect(formatDuration(65 * 60_000)).toBe('1 h 05 min')
    expect(formatDuration(50 * 3600_000)).toBe('2 d 2 h')
  })
})

describe('startOfToday', () => {
  it("is midnight in the branch's time zone", () => {
    const now = new Date('2026-11-23T01:30:00Z')
    expect(startOfToday('Africa/Nairobi', now).toISOString()).toBe('2026-11-22T21:00:00.000Z')
    expect(startOfToday('UTC', now).toISOString()).toBe('2026-11-23T00:00:00.000Z')
    expect(startOfToday('America/New_York', now).toISOString()).toBe('2026-11-22T05:00:00.000Z')
  })
})

describe('hourBuckets', () => {
  it("are the zone's whole hours, also where the zone is half an hour off UTC", () => {
    const now = new Date('2026-11-23T01:40:00Z')
    const kolkata = hourBuckets('Asia/Kolkata', now)
    expect(kolkata).toHaveLength(24)
    expect(kolkata[23].start.toISOString()).toBe('2026-11-23T01:30:00.000Z')
    expect(kolkata[23].label).toBe('07:00')
    expect(hourBuckets('Africa/Nairobi', now)[23]).toMatchObject({ label: '04:00', start: new Date('2026-11-23T01:00:00Z') })
    expect(kolkata[0].start.toISOString()).toBe('2026-11-22T02:30:00.000Z')
  })
})

describe('searchWhere', () => {
  it('matches a MAC in any spelling, an IP, a name or email, and a voucher code', () => {
    expect(searchWhere('   ')).toBeNull()
    const where = searchWhere('a4-5e-60-c1-22-01') as { or: Record<string, unknown>[] }
    expect(where.or).toContainEqual({ deviceMac: { equals: 'A4:5E:60:C1:22:01' } })
    expect(where.or).toContainEqual({ 'user.name': { like: 'a4-5e-60-c1-22-01' } })
    expect((searchWhere('7kq2m9xh') as { or: unknown[] }).or).toContainEqual({ 'voucher.code': { equals: '7KQ2M9XH' } })
    expect((searchWhere('10.5.50.12') as { or: unknown[] }).or).toContainEqual({ 'usage.lastIp': { equals: '10.5.50.12' } })
    expect((searchWhere('a4:5e') as { or: unknown[] }).or).toContainEqual({ deviceMac: { like: 'A4:5E' } })
  })
})

describe('hotspotLoginHtml', () => {
  it("sends the device to the branch's portal with RouterOS's variables, URL-escaped by RouterOS, without JavaScript", () => {
    const html = hotspotLoginHtml('https://wifi.example.com/portal/demo-isp/3f1c', 'Demo "ISP" <WiFi>')
    const target =
      'https://wifi.example.com/portal/demo-isp/3f1c?mac=$(mac-esc)&amp;ip=$(ip-esc)&amp;link-login-only=$(link-login-only-esc)&amp;link-orig=$(link-orig-esc)&amp;chap-id=$(chap-id-esc)&amp;chap-challenge=$(chap-challenge-esc)&amp;error=$(error-esc)'
    expect(html).toContain(`<meta http-equiv="refresh" content="0; url=${target}">`)
    expect(html).toContain(`<a href="${target}">Continue to Demo &quot;ISP&quot; &lt;WiFi&gt; WiFi</a>`)
    expect(html).not.toContain('<script')
    expect(html).not.toContain('<WiFi>')
  })
})

describe('the usage charts', () => {
  const hours = (values: Partial<{ bytes: number; devices: number }>[]) =>
    Array.from({ length: 24 }, (_, index) => ({ label: `${String(index).padStart(2, '0')}:00`, bytes: 0, devices: 0, ...values[index] }))
  const render = (props: Parameters<typeof UsageCharts>[0]) => renderToStaticMarkup(createElement(UsageCharts, props))

  it('say there were no sessions instead of drawing axes over nothing', () => {
    const html = render({ hourly: hours([]), daily: hours([]).slice(0, 30), top: [] })
    expect(html.match(/No sessions in this period\./g)).toHaveLength(3)
    expect(html).toContain('No data used in this period.')
    expect(html).not.toContain('recharts')
    expect(html).not.toContain('at most 0')
  })

  it('draw what there is, and tell devices online without data used', () => {
    const busy = render({ hourly: hours([{ bytes: 2_048, devices: 1 }]), daily: hours([{ bytes: 2_048, devices: 1 }]), top: [{ name: 'Ana', bytes: 2_048 }] })
    expect(busy).not.toContain('data-empty-chart')
    expect(busy).toContain('at most 1 device in an hour')
    expect(emptyReason(hours([{ devices: 2 }]), 'bytes')).toBe('No data used in this period.')
    expect(emptyReason(hours([{ devices: 2 }]), 'devices')).toBeNull()
  })
})
