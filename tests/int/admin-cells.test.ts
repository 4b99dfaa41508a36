/**
 * The admin panel's list cells as people read them: a date in the first column still opens its
 * document, a time in another zone than the person's organization says which, and codes, prices
 * and checkboxes read as words.
 */
import type { Field } from 'payload'
import type { ReactElement } from 'react'
import { beforeAll, describe, expect, it } from 'vitest'

import { MoneyCell } from '@/plugins/admin/components/Money'
import { dateCellContent } from '@/plugins/admin/dateCell'
import { auditAction } from '@/plugins/audit/auditLogs/hooks'
import { auditActionInWords } from '@/plugins/audit/auditLogs/words'
import { RecordTypeCell } from '@/plugins/audit/components/RecordTypeCell'

import { loadWorld, unique, type World } from '../helpers/fixtures'

let world: World

beforeAll(async () => {
  world = await loadWorld()
})

const LOGGED_IN = '2026-11-23T10:05:00.000Z'

function dateField(collection: string, name: string): Field {
  const field = world.payload.collections[collection as 'session-logs'].config.flattenedFields.find((candidate) => candidate.name === name) as Field | undefined
  if (!field) throw new Error(`${collection} has no ${name}`)
  return field
}

function cell(collection: string, rowData: Record<string, unknown>, options: { link?: boolean; linkURL?: string; viewType?: 'list' | 'trash' } = {}) {
  return {
    cellData: LOGGED_IN,
    rowData,
    payload: world.payload,
    collectionConfig: world.payload.collections[collection as 'session-logs'].config,
    field: dateField(collection, collection === 'session-logs' ? 'loginAt' : 'createdAt'),
    ...options,
  } as Parameters<typeof dateCellContent>[0]
}

describe("a list's date cell", () => {
  it('links to the document when it is the linked (first) column, as Payload’s own cells do', async () => {
    for (const collection of ['session-logs', 'audit-logs', 'context-changes']) {
      const row = { id: 'a1b2', organization: world.organizations.demo }
      expect((await dateCellContent(cell(collection, row, { link: true }), world.organizations.demo)).href).toBe(`/admin/collections/${collection}/a1b2`)
      expect((await dateCellContent(cell(collection, row, { link: false }), world.organizations.demo)).href).toBeNull()
    }
    const row = { id: 'a1b2', organization: world.organizations.demo }
    expect((await dateCellContent(cell('audit-logs', row, { link: true, linkURL: '/admin/elsewhere' }), null)).href).toBe('/admin/elsewhere')
    expect((await dateCellContent(cell('audit-logs', row, { link: true, viewType: 'trash' }), null)).href).toBe('/admin/collections/audit-logs/trash/a1b2')
    // An empty date still opens its document.
    const empty = await dateCellContent({ ...cell('session-logs', row, { link: true }), cellData: null }, world.organizations.demo)
    expect(empty).toMatchObject({ text: '—', href: '/admin/collections/session-logs/a1b2' })
  })

  it("names the zone beside the time only where it is not the person's organization's", async () => {
    const row = { id: 'a1b2', organization: world.organizations.demo }
    // Demo ISP works in Nairobi (UTC+3) and writes day first.
    const home = await dateCellContent(cell('session-logs', row), world.organizations.demo)
    expect(home).toMatchObject({ text: '23/11/2026 13:05', zoneNote: null, zone: 'East Africa Time (Africa/Nairobi)', timeZone: 'Africa/Nairobi' })

    const london = await world.payload.create({
      collection: 'locations',
      data: { organization: world.organizations.demo, name: unique('London office'), timeZone: 'Europe/London' },
    })
    const abroad = await dateCellContent(cell('session-logs', { ...row, location: london.id }), world.organizations.demo)
    expect(abroad).toMatchObject({ text: '23/11/2026 10:05', zoneNote: 'GMT', timeZone: 'Europe/London' })

    // Across all organizations (a super-admin), each row says its zone.
    expect((await dateCellContent(cell('session-logs', row), null)).zoneNote).toBe('GMT+3')
  })
})

type CellElement = ReactElement<{ children: unknown }>
type AnyCellProps = Parameters<typeof RecordTypeCell>[0]

/** The fields of a collection's config, at any depth of rows, groups and collapsibles. */
function allFields(fields: readonly Field[]): Field[] {
  return fields.flatMap((field) => [field, ...('fields' in field && Array.isArray(field.fields) ? allFields(field.fields) : [])])
}

const componentsOf = (field: Field) => (field.admin as { components?: { Cell?: unknown; afterInput?: unknown } } | undefined)?.components

describe('codes, prices and checkboxes in list cells', () => {
  it("say every audited collection's create, update and delete in words", () => {
    for (const collection of world.payload.config.collections) {
      for (const operation of ['CREATE', 'UPDATE', 'DELETE'] as const) {
        const words = auditActionInWords(auditAction(collection.slug, operation, {}, {}))
        expect(words, `${collection.slug} ${operation}`).toMatch(/^[A-Z][\w -]* (created|updated|deleted)$/)
        expect(words, `${collection.slug} ${operation}`).not.toMatch(/_|[A-Z]{2,}/)
      }
    }
    const action = world.payload.collections['audit-logs'].config.flattenedFields.find((field) => field.name === 'action')!
    expect(componentsOf(action as Field)?.Cell).toBe('/plugins/audit/components/AuditActionCell#AuditActionCell')
  })

  it('name the kind of record an audit log entry was done to', () => {
    const cell = (cellData: string) => RecordTypeCell({ cellData, payload: world.payload } as AnyCellProps) as CellElement
    expect(cell('locations').props.children).toBe('Branch')
    expect(cell('time-sessions').props.children).toBe('Time session')
    expect(cell('gone-collection').props.children).toBe('Gone collection')
  })

  it("write a plan's price in its currency, else its organization's", async () => {
    const price = async (rowData: Record<string, unknown>) =>
      String(((await MoneyCell({ cellData: 100, rowData, payload: world.payload } as AnyCellProps)) as CellElement).props.children).replace(/\u00a0/g, ' ')
    expect(await price({ currency: 'USD', organization: world.organizations.demo })).toBe('USD 100.00')
    expect(await price({ currency: null, organization: world.organizations.demo })).toBe('KES 100.00')
    expect(await price({ organization: world.organizations.other })).toBe('UGX 100')
  })

  it('say Yes or No for every checkbox of every list', () => {
    // Beacon's own collections (Payload's, such as its job queue, are not listed in the admin panel).
    const listed = world.payload.config.collections.filter((collection) => !collection.slug.startsWith('payload-'))
    const checkboxes = listed.flatMap((collection) =>
      allFields(collection.fields)
        .filter((field) => field.type === 'checkbox')
        .map((field) => [`${collection.slug}.${'name' in field ? field.name : ''}`, componentsOf(field)?.Cell] as const),
    )
    expect(checkboxes.map(([name]) => name)).toEqual(expect.arrayContaining(['plans.active', 'locations.active', 'time-sessions.autoStopped']))
    for (const [name, cell] of checkboxes) expect(cell, name).toBe('/plugins/admin/components/YesNoCell#YesNoCell')
  })

  it("offer a user's permission overrides in words", () => {
    const added = allFields(world.payload.collections.users.config.fields).find((field) => 'name' in field && field.name === 'addedPermissions')
    const options = (added as { options: { label: string; value: string }[] }).options
    expect(options.find((option) => option.value === 'tickets.update')?.label).toBe('Work on tickets')
    expect(options.every((option) => option.label !== option.value)).toBe(true)
  })
})
