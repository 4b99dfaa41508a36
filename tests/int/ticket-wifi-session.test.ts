/**
 * A ticket's WiFi session is for the people who read WiFi sessions. Agents (and supervisors and
 * viewers) do not: their ticket form has no session picker, so opening a ticket in the admin panel
 * asks nothing of /api/sessions (once a 403 and a WARN line per ticket opened), and their saves
 * leave the link as it is.
 */
import { beforeAll, describe, expect, it } from 'vitest'

import { DEMO_PASSWORDS } from '@/seed/demo'

import { createSession, loadWorld, unique, type World } from '../helpers/fixtures'
import { RestClient } from '../helpers/rest'

let world: World
let admin: RestClient
let john: RestClient
let ticket: string
let session: string

type Operation = 'create' | 'read' | 'update'
type Fields = Record<string, true | Partial<Record<Operation, boolean | { permission: boolean }>>>

/** Whether Payload's permissions (as the admin panel reads them, sanitized: what is missing is refused) allow `operation` on a field. */
function allows(fields: Fields | undefined, name: string, operation: Operation): boolean {
  const field = fields?.[name]
  if (field === true) return true
  const allowed = field?.[operation]
  return allowed === true || (typeof allowed === 'object' && allowed.permission === true)
}

beforeAll(async () => {
  world = await loadWorld()
  admin = await RestClient.signIn('admin@demo-isp.test', DEMO_PASSWORDS.demoAdmin)
  john = await RestClient.signIn('tech1@demo-isp.test', DEMO_PASSWORDS.tech1)
  session = String((await createSession({ organization: world.organizations.demo, location: world.locations.downtown, user: world.users.alice })).id)
  const created = await admin.post('/api/tickets?depth=0', { title: unique('cannot connect'), requester: world.users.alice, wifiSession: session, location: world.locations.downtown })
  expect(created.status).toBe(201)
  ticket = created.body.doc.id
})

describe("a ticket's WiFi session", () => {
  it('is not in an agent’s ticket form (the admin panel renders no picker), as agents read no WiFi sessions', async () => {
    // What the admin panel asks before it renders the ticket's form.
    const agentFields = (await john.post(`/api/tickets/access/${ticket}`)).body.fields as Fields
    expect(allows(agentFields, 'title', 'read')).toBe(true)
    expect(allows(agentFields, 'wifiSession', 'read')).toBe(false)
    expect(allows(agentFields, 'wifiSession', 'update')).toBe(false)
    const agentNewTicket = (await john.get('/api/access')).body.collections.tickets.fields as Fields
    expect(allows(agentNewTicket, 'title', 'create')).toBe(true)
    expect(allows(agentNewTicket, 'wifiSession', 'create')).toBe(false)
    expect((await john.get('/api/sessions?limit=1')).status).toBe(403)

    const adminFields = (await admin.post(`/api/tickets/access/${ticket}`)).body.fields as Fields
    expect(allows(adminFields, 'wifiSession', 'read')).toBe(true)
    expect(allows(adminFields, 'wifiSession', 'update')).toBe(true)
    const adminNewTicket = (await admin.get('/api/access')).body.collections.tickets.fields as Fields
    expect(allows(adminNewTicket, 'wifiSession', 'create')).toBe(true)
  })

  it('is left as it is when an agent saves the ticket, and never shown to them', async () => {
    const read = await john.get(`/api/tickets/${ticket}?depth=0`)
    expect(read.status).toBe(200)
    expect(read.body).not.toHaveProperty('wifiSession')

    const saved = await john.patch(`/api/tickets/${ticket}?depth=0`, { status: 'in-progress', wifiSession: null })
    expect(saved.status).toBe(200)
    expect(saved.body.doc).not.toHaveProperty('wifiSession')
    const after = await admin.get(`/api/tickets/${ticket}?depth=0`)
    expect(after.body).toMatchObject({ status: 'in-progress', wifiSession: session })
  })
})
