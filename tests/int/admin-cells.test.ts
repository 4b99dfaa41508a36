/**
 * The admin panel's list cells as people read them: a date in the first column still opens its
 * document, and a time in another zone than the person's organization says which.
 */
import type { Field } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { dateCellContent } from '@/plugins/admin/dateCell'

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
