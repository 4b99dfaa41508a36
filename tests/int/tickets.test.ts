/**
 * Tickets and their conversation over the REST API: numbering under concurrency, what
 * customers may do with their own tickets, the links a ticket may hold, comments, and what is
 * never deleted.
 */
import { beforeAll, describe, expect, it } from 'vitest'

import { DEMO_PASSWORDS } from '@/seed/demo'

import { createOrganizationWithAdmin, createSession, loadWorld, unique, type World } from '../helpers/fixtures'
import { testPayload } from '../helpers/payload'
import { errorOf, RestClient } from '../helpers/rest'

const PASSWORD = 'a-long-password-1'

let world: World
let admin: RestClient
let alice: RestClient
let john: RestClient

async function ticketNumbered(number: number): Promise<string> {
  const payload = await testPayload()
  const { docs } = await payload.find({
    collection: 'tickets',
    where: { and: [{ organization: { equals: world.organizations.demo } }, { number: { equals: number } }] },
    limit: 1,
    depth: 0,
  })
  return String(docs[0].id)
}

beforeAll(async () => {
  world = await loadWorld()
  admin = await RestClient.signIn('admin@demo-isp.test', DEMO_PASSWORDS.demoAdmin)
  alice = await RestClient.signIn('alice@demo-isp.test', DEMO_PASSWORDS.alice)
  john = await RestClient.signIn('tech1@demo-isp.test', DEMO_PASSWORDS.tech1)
})

describe('ticket numbers', () => {
  it('run #1, #2, … per organization without gaps or duplicates under 20 simultaneous creations', async () => {
    const organization = await createOrganizationWithAdmin('numbers')
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) => organization.client.post('/api/tickets?depth=0', { organization: organization.id, title: `Ticket ${index}` })),
    )
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(201))
    const numbers = responses.map((response) => response.body.doc.number).sort((a: number, b: number) => a - b)
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, index) => index + 1))

    // An organization with tickets is suspended or expired, not deleted.
    const owner = await RestClient.signIn('super@beacon.test', DEMO_PASSWORDS.super)
    const deletion = await owner.delete(`/api/organizations/${organization.id}`)
    expect(deletion.status).toBe(409)
    expect(errorOf(deletion)).toBe('This organization is still used by 20 tickets; set its status to SUSPENDED or EXPIRED instead.')
  })

  it('are the system’s: a number sent on creation or in a change is ignored', async () => {
    const created = await admin.post('/api/tickets?depth=0', { title: unique('numbered'), number: 9_999 })
    expect(created.status).toBe(201)
    expect(created.body.doc.number).not.toBe(9_999)
    const changed = await admin.patch(`/api/tickets/${created.body.doc.id}?depth=0`, { number: 1, totalTimeSpent: 500 })
    expect(changed.status).toBe(200)
    expect(changed.body.doc).toMatchObject({ number: created.body.doc.number, totalTimeSpent: 0 })
  })

  it('tickets are closed, never deleted', async () => {
    const created = await admin.post('/api/tickets?depth=0', { title: unique('keep me') })
    expect((await admin.delete(`/api/tickets/${created.body.doc.id}`)).status).toBe(403)
    const owner = await RestClient.signIn('super@beacon.test', DEMO_PASSWORDS.super)
    expect((await owner.delete(`/api/tickets/${created.body.doc.id}`)).status).toBe(403)
    expect((await admin.get(`/api/tickets/${created.body.doc.id}`)).status).toBe(200)
  })
})

describe('customers and their tickets', () => {
  it('a customer opens a ticket for themselves at their branch, as open, whatever staff fields they send', async () => {
    const response = await alice.post('/api/tickets?depth=0', {
      title: 'Cannot reach the portal',
      status: 'closed',
      assignee: world.users.tech1,
      priority: 'high',
    })
    expect(response.status).toBe(201)
    expect(response.body.doc).toMatchObject({
      requester: world.users.alice,
      location: world.locations.downtown,
      organization: world.organizations.demo,
      status: 'open',
      priority: 'high',
      totalTimeSpent: 0,
    })
    expect(response.body.doc.assignee ?? null).toBeNull()
  })

  it('a customer cannot open a ticket for someone else, nor change one', async () => {
    const payload = await testPayload()
    const bob = await payload.create({
      collection: 'users',
      data: { email: `${unique('bob')}@example.test`, password: PASSWORD, name: 'Bob', status: 'ACTIVE', memberships: [{ organization: world.organizations.demo, role: 'customer' }] },
    })
    const forBob = await alice.post('/api/tickets?depth=0', { title: unique('for bob'), requester: bob.id })
    expect(forBob.status).toBe(403)
    const own = await alice.post('/api/tickets?depth=0', { title: unique('mine') })
    expect((await alice.patch(`/api/tickets/${own.body.doc.id}?depth=0`, { status: 'closed' })).status).toBe(403)
  })

  it('a customer lists only the tickets they opened', async () => {
    const list = await alice.get('/api/tickets?limit=100&depth=0')
    expect(list.status).toBe(200)
    expect(list.body.docs.length).toBeGreaterThan(0)
    expect(list.body.docs.every((ticket: { requester: string }) => ticket.requester === world.users.alice)).toBe(true)
    expect((await alice.get(`/api/tickets/${await ticketNumbered(2)}`)).status).toBe(404)
  })
})

describe('what a ticket may point at', () => {
  it('the requester must be a customer of the organization, the assignee an active staff member', async () => {
    const created = await admin.post('/api/tickets?depth=0', { title: unique('links') })
    const id = created.body.doc.id
    const staffRequester = await admin.patch(`/api/tickets/${id}?depth=0`, { requester: world.users.tech1 })
    expect(staffRequester.status).toBe(400)
    expect(staffRequester.body.errors[0].data.errors[0]).toMatchObject({ path: 'requester', message: 'The requester must be a customer of this organization.' })
    const customerAssignee = await admin.patch(`/api/tickets/${id}?depth=0`, { assignee: world.users.alice })
    expect(customerAssignee.status).toBe(400)
    expect(customerAssignee.body.errors[0].data.errors[0].message).toBe('The assignee must be an active staff member of this organization.')
    const foreignAssignee = await admin.patch(`/api/tickets/${id}?depth=0`, { assignee: world.users.otherAdmin })
    expect(foreignAssignee.status).toBe(400)
    const good = await admin.patch(`/api/tickets/${id}?depth=0`, { requester: world.users.alice, assignee: world.users.tech1, status: 'in-progress' })
    expect(good.status).toBe(200)
    expect(good.body.doc).toMatchObject({ requester: world.users.alice, assignee: world.users.tech1, status: 'in-progress' })
  })

  it("the WiFi session must be the organization's and the requester's", async () => {
    const session = await createSession({ organization: world.organizations.demo, location: world.locations.downtown, user: world.users.alice })
    const payload = await testPayload()
    const bob = await payload.create({
      collection: 'users',
      data: { email: `${unique('bob')}@example.test`, password: PASSWORD, name: 'Bob', status: 'ACTIVE', memberships: [{ organization: world.organizations.demo, role: 'customer' }] },
    })
    const mine = await alice.post('/api/tickets?depth=0', { title: unique('slow wifi'), wifiSession: session.id })
    expect(mine.status).toBe(201)
    expect(mine.body.doc.wifiSession).toBe(session.id)

    const notBobs = await admin.post('/api/tickets?depth=0', { title: unique('wrong session'), requester: bob.id, wifiSession: session.id })
    expect(notBobs.status).toBe(400)
    expect(notBobs.body.errors[0].data.errors[0].message).toBe("That WiFi session is not the requester's.")
    const unknown = await admin.post('/api/tickets?depth=0', { title: unique('unknown session'), wifiSession: '00000000-0000-4000-8000-000000000000' })
    expect(unknown.status).toBe(400)
    const garbage = await admin.post('/api/tickets?depth=0', { title: unique('garbage session'), wifiSession: "x' or 1=1" })
    expect(garbage.status).toBe(400)
  })

  it('a branch of another organization is refused', async () => {
    const response = await admin.post('/api/tickets?depth=0', { title: unique('foreign branch'), location: world.locations.mainStreet })
    expect(response.status).toBe(400)
    expect(response.body.errors[0].data.errors[0].message).toBe('The branch belongs to another organization.')
  })
})

describe('links that went stale', () => {
  it('a ticket whose assignee has left can still be closed, and its requester can still reply', async () => {
    const payload = await testPayload()
    const email = `${unique('leaver')}@demo-isp.test`
    const leaver = await payload.create({
      collection: 'users',
      data: { email, password: PASSWORD, name: 'Leaver', status: 'ACTIVE', memberships: [{ organization: world.organizations.demo, role: 'agent' }] },
    })
    const ticket = (await admin.post('/api/tickets?depth=0', { title: unique('stale'), requester: world.users.alice, assignee: leaver.id, status: 'waiting' })).body.doc
    await payload.update({ collection: 'users', id: leaver.id, data: { status: 'DELETED' } })

    const reply = await alice.post('/api/ticket-comments?depth=0', { ticket: ticket.id, body: 'Any news?' })
    expect(reply.status).toBe(201)
    expect((await admin.get(`/api/tickets/${ticket.id}`)).body.status).toBe('open')
    const closed = await admin.patch(`/api/tickets/${ticket.id}?depth=0`, { status: 'closed' })
    expect(closed.status).toBe(200)
    expect(closed.body.doc).toMatchObject({ status: 'closed', assignee: leaver.id })
    // Naming them again is what is refused.
    const other = (await admin.post('/api/tickets?depth=0', { title: unique('new') })).body.doc
    expect((await admin.patch(`/api/tickets/${other.id}`, { assignee: leaver.id })).status).toBe(400)
  })

  it("a customer who left an organization no longer reaches the tickets they opened there, from another organization's membership", async () => {
    const payload = await testPayload()
    const email = `${unique('mover')}@example.test`
    const mover = await payload.create({
      collection: 'users',
      data: {
        email,
        password: PASSWORD,
        name: 'Mover',
        status: 'ACTIVE',
        memberships: [
          { organization: world.organizations.demo, role: 'customer' },
          { organization: world.organizations.other, role: 'customer' },
        ],
      },
    })
    const atOther = await payload.create({
      collection: 'tickets',
      data: { organization: world.organizations.other, title: unique('at other'), requester: mover.id, status: 'open', priority: 'normal', number: 0, totalTimeSpent: 0 },
    })
    const client = await RestClient.signIn(email, PASSWORD)
    // Signed in to Demo ISP (the first membership): Other ISP's ticket is out of this context.
    expect((await client.get(`/api/tickets/${atOther.id}`)).status).toBe(404)
    expect((await client.post('/api/users/switch-organization', { organization: world.organizations.other })).status).toBe(200)
    expect((await client.get(`/api/tickets/${atOther.id}`)).status).toBe(200)
    await payload.update({ collection: 'users', id: mover.id, data: { memberships: [{ organization: world.organizations.demo, role: 'customer' }] } })
    expect((await client.get(`/api/tickets/${atOther.id}`)).status).toBe(404)
    expect((await client.post('/api/ticket-comments', { ticket: atOther.id, body: 'Hello?' })).status).toBe(404)
  })
})

describe('comments', () => {
  it("the requester and staff comment; a customer's reply puts a waiting ticket back to open", async () => {
    const ticket = (await admin.post('/api/tickets?depth=0', { title: unique('conversation'), requester: world.users.alice, status: 'waiting' })).body.doc
    const fromStaff = await john.post('/api/ticket-comments?depth=0', { ticket: ticket.id, body: 'Could you send the voucher code?' })
    expect(fromStaff.status).toBe(201)
    expect(fromStaff.body.doc).toMatchObject({ author: world.users.tech1, organization: world.organizations.demo })

    // The author is whoever is signed in, whatever the request says.
    const fromAlice = await alice.post('/api/ticket-comments?depth=0', { ticket: ticket.id, body: 'It is 7KQ2-M9XH', author: world.users.tech1 })
    expect(fromAlice.status).toBe(201)
    expect(fromAlice.body.doc.author).toBe(world.users.alice)
    expect((await admin.get(`/api/tickets/${ticket.id}`)).body.status).toBe('open')

    const thread = await alice.get(`/api/ticket-comments?where[ticket][equals]=${ticket.id}&depth=0`)
    expect(thread.body.docs.map((comment: { body: string }) => comment.body)).toEqual(['Could you send the voucher code?', 'It is 7KQ2-M9XH'])
  })

  it("a customer cannot comment on someone else's ticket (404) nor on their closed ticket (409); a viewer cannot comment (403)", async () => {
    const notHers = await alice.post('/api/ticket-comments?depth=0', { ticket: await ticketNumbered(2), body: 'Hello?' })
    expect(notHers.status).toBe(404)
    const closed = (await admin.post('/api/tickets?depth=0', { title: unique('closed'), requester: world.users.alice, status: 'closed' })).body.doc
    const onClosed = await alice.post('/api/ticket-comments?depth=0', { ticket: closed.id, body: 'Still broken' })
    expect(onClosed.status).toBe(409)
    expect(errorOf(onClosed)).toBe('This ticket is closed; open a new ticket if you still need help.')

    const payload = await testPayload()
    const email = `${unique('viewer')}@demo-isp.test`
    await payload.create({
      collection: 'users',
      data: { email, password: PASSWORD, name: 'View Only', status: 'ACTIVE', memberships: [{ organization: world.organizations.demo, role: 'viewer' }] },
    })
    const viewer = await RestClient.signIn(email, PASSWORD)
    const byViewer = await viewer.post('/api/ticket-comments?depth=0', { ticket: await ticketNumbered(1), body: 'Looks fine' })
    expect(byViewer.status).toBe(403)

    const other = await RestClient.signIn('admin@other-isp.test', DEMO_PASSWORDS.otherAdmin)
    expect((await other.post('/api/ticket-comments?depth=0', { ticket: await ticketNumbered(1), body: 'Hi' })).status).toBe(404)
    expect((await alice.post('/api/ticket-comments?depth=0', { ticket: await ticketNumbered(1), body: '' })).status).toBe(400)
  })

  it('comments are kept as written', async () => {
    const ticket = (await admin.post('/api/tickets?depth=0', { title: unique('kept'), requester: world.users.alice })).body.doc
    const comment = (await alice.post('/api/ticket-comments?depth=0', { ticket: ticket.id, body: 'First words' })).body.doc
    expect((await alice.patch(`/api/ticket-comments/${comment.id}`, { body: 'Changed' })).status).toBe(403)
    expect((await admin.patch(`/api/ticket-comments/${comment.id}`, { body: 'Changed' })).status).toBe(403)
    expect((await admin.delete(`/api/ticket-comments/${comment.id}`)).status).toBe(403)
    expect((await alice.get(`/api/ticket-comments/${comment.id}`)).body.body).toBe('First words')
  })
})

describe('what tickets and time keep', () => {
  it('a user with booked time or tickets is not deleted; the 409 says why and what to do', async () => {
    const owner = await RestClient.signIn('super@beacon.test', DEMO_PASSWORDS.super)
    const response = await owner.delete(`/api/users/${world.users.tech1}`)
    expect(response.status).toBe(409)
    expect(errorOf(response)).toMatch(/tickets assigned to them/)
    expect(errorOf(response)).toMatch(/time sessions/)
    expect(errorOf(response)).toMatch(/set their status to DELETED instead\.$/)
  })

  it('a branch that tickets name is not deleted', async () => {
    const payload = await testPayload()
    const branch = await payload.create({ collection: 'locations', data: { organization: world.organizations.demo, name: unique('branch') } })
    await admin.post('/api/tickets?depth=0', { title: unique('at branch'), location: branch.id })
    const response = await admin.delete(`/api/locations/${branch.id}`)
    expect(response.status).toBe(409)
    expect(errorOf(response)).toMatch(/1 tickets/)
  })
})
