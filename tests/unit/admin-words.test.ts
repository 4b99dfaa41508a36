/**
 * What the admin panel says in words instead of codes: audit log actions, permissions, prices,
 * checkboxes, and the zone beside a time.
 */
import type { ClientField } from 'payload'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import { ALL_PERMISSIONS, PERMISSION_LABELS } from '@/access'
import { shortZoneName } from '@/lib/dates'
import { formatMoney } from '@/lib/format'
import { YesNoCell } from '@/plugins/admin/components/YesNoCell'
import { describeChange } from '@/plugins/audit/auditLogs/changeWords'
import { auditActionInWords } from '@/plugins/audit/auditLogs/words'

describe('audit log actions in words', () => {
  it.each([
    ['TICKET_UPDATE', 'Ticket updated'],
    ['BRANCH_CREATE', 'Branch created'],
    ['CUSTOMER_DELETE', 'Customer deleted'],
    ['USER_UPDATE', 'User updated'],
    ['TIME_SESSION_CREATE', 'Time entry created'],
    ['TICKET_COMMENT_CREATE', 'Ticket reply created'],
    ['ARCHIVED_SESSION_DELETE', 'Archived WiFi session deleted'],
    ['SESSION_FORCE_LOGOUT', 'WiFi session force-logged out'],
    ['TIME_SESSION_STOP', 'Timer stopped'],
    ['LOGIN_SESSION_REVOKE', 'Sign-in session ended'],
    ['VOUCHER_BATCH_GENERATE', 'Voucher batch generated'],
    // A collection added later still reads as words.
    ['INVOICES_CREATE', 'Invoices created'],
    ['SOMETHING_ELSE', 'Something else'],
  ])('%s → %s', (action, words) => {
    expect(auditActionInWords(action)).toBe(words)
  })
})

describe('permissions in words', () => {
  it('names every permission by what it lets a person do, each differently', () => {
    const labels = ALL_PERMISSIONS.map((permission) => PERMISSION_LABELS[permission])
    expect(labels.every((label) => typeof label === 'string' && /^[A-Z][^.]*$/.test(label))).toBe(true)
    expect(new Set(labels).size).toBe(ALL_PERMISSIONS.length)
    expect(PERMISSION_LABELS['tickets.update']).toBe('Work on tickets')
    expect(PERMISSION_LABELS['sessions.forceLogout']).toBe('Force-logout WiFi sessions')
  })
})

describe('formatMoney', () => {
  it.each([
    [100, 'KES', 'KES 100.00'],
    [99.5, 'USD', 'USD 99.50'],
    [2000, 'UGX', 'UGX 2,000'],
    [20, null, '20.00'],
  ])('%s %s → %s', (amount, currency, expected) => {
    // Intl puts a no-break space between the code and the amount.
    expect(formatMoney(amount, currency).replace(/\u00a0/g, ' ')).toBe(expected)
  })
})

describe('a checkbox in a list', () => {
  it.each([
    [true, 'Yes'],
    [false, 'No'],
    [undefined, '—'],
  ])('%s reads %s', (cellData, words) => {
    expect(renderToStaticMarkup(createElement(YesNoCell, { cellData }))).toBe(`<span>${words}</span>`)
  })
})

describe('shortZoneName', () => {
  it('names the zone as it was at that instant, daylight saving included', () => {
    expect(shortZoneName('Africa/Nairobi', '2026-11-23T10:00:00Z')).toBe('GMT+3')
    expect(shortZoneName('America/New_York', '2026-01-15T12:00:00Z')).toBe('EST')
    expect(shortZoneName('America/New_York', '2026-07-15T12:00:00Z')).toBe('EDT')
    expect(shortZoneName('UTC', '2026-07-15T12:00:00Z')).toBe('UTC')
  })
})

describe("an audit entry's changes", () => {
  // As the admin panel's client config describes a collection's fields.
  const fields = [
    {
      type: 'row',
      fields: [
        { name: 'priority', type: 'select', options: [{ label: 'High', value: 'high' }, { label: 'Normal', value: 'normal' }] },
        { name: 'status', type: 'select', label: 'State', options: ['open', 'closed'] },
      ],
    },
    { name: 'active', type: 'checkbox' },
    { name: 'burst', type: 'group', fields: [{ name: 'downloadMbps', label: 'Burst download (Mbps)', type: 'number' }] },
    { name: 'addedPermissions', type: 'select', hasMany: true, options: [{ label: 'Work on tickets', value: 'tickets.update' }, { label: 'See plans', value: 'plans.read' }] },
  ] as unknown as ClientField[]

  it('name the field as its form does, and a choice by its label', () => {
    const priority = describeChange(fields, 'priority')
    expect([priority.label, priority.say('high'), priority.say('normal')]).toEqual(['Priority', 'High', 'Normal'])
    expect(describeChange(fields, 'status').label).toBe('State')
    expect(describeChange(fields, 'burst.downloadMbps').label).toBe('Burst download (Mbps)')
    expect(describeChange(fields, 'burst.downloadMbps').say(20)).toBeNull()
    expect(describeChange(fields, 'addedPermissions').say(['tickets.update', 'plans.read'])).toBe('Work on tickets, See plans')
  })

  it('say Yes or No for a checkbox, and name a field the form no longer has in words', () => {
    expect(describeChange(fields, 'active').say(false)).toBe('No')
    const gone = describeChange(fields, 'totalTimeSpent')
    expect([gone.label, gone.say(true), gone.say('x')]).toEqual(['Total time spent', 'Yes', null])
    expect(describeChange(undefined, 'settings.gateways').label).toBe('Settings › Gateways')
  })
})
