/**
 * The audit log: staff changes in every collection leave a row with redacted credentials; rows
 * cannot be changed or removed, by the API or by SQL; the hash chain exposes a row altered
 * behind the application's back; verify and export answer only the organization's admins.
 */
import { sql } from '@payloadcms/db-postgres'
import type { CollectionSlug } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { drizzleFor } from '@/db/sql'
import { poolOf } from '@/db/statements'
import { inSystemTransaction } from '@/db/transaction'
import { appendAuditEntry } from '@/plugins/audit/auditLogs/record'
import { pruneAuditLogs } from '@/plugins/audit/auditLogs/retention'
import { verifyAuditChain } from '@/plugins/audit/auditLogs/verify'
import { DEMO_PASSWORDS } from '@/seed/demo'

import { createOrganizationWithAdmin, loadNetwork, loadWorld, unique, type World } from '../helpers/fixtures'
import { type ActingUser, statusOf, testPayload } from '../helpers/payload'
import { errorOf, RestClient } from '../helpers/rest'

const PASSWORD = 'a-long-password-1'

let world: World
let network: Awaited<ReturnType<typeof loadNetwork>> & { ticket: string }
let owner: ActingUser

type AuditRow = { action: string; targetType: string; targetId: string; organization: string | null; actor: string | null; changes: Record<string, { from: unknown; to: unknown }> }

async function rowsFor(targetId: string): Promise<AuditRow[]> {
  const payload = await testPayload()
  const { docs } = await payload.find({ collection: 'audit-logs', where: { targetId: { equals: targetId } }, sort: 'createdAt', depth: 0, pagination: false })
  return docs as unknown as AuditRow[]
}

/** A new organization with its own admin, so chain tests start from an empty chain. */
const newOrganization = () => createOrganizationWithAdmin('audited')

beforeAll(async () => {
  world = await loadWorld()
  network = { ...(await loadNetwork(world)), ticket: '' }
  owner = world.actors.super
  const payload = await testPayload()
  const ticket = await payload.create({ collection: 'tickets', data: { organization: world.organizations.demo, title: unique('commented'), status: 'open', priority: 'normal', number: 0, totalTimeSpent: 0 } })
  network.ticket = String(ticket.id)
})

describe('what is recorded', () => {
  it('a change by staff in each collection leaves a row naming the action, the actor and the fields before and after', async () => {
    const payload = await testPayload()
    const asAdmin = { user: world.actors.orgAdmin, overrideAccess: false, depth: 0 } as const
    const plan = await payload.create({
      collection: 'plans',
      data: { organization: world.organizations.demo, name: unique('plan'), type: 'HOTSPOT', downloadMbps: 4, uploadMbps: 2, validityMinutes: 30, devicesAllowed: 1, price: 10 },
      ...asAdmin,
    })
    await payload.update({ collection: 'plans', id: plan.id, data: { price: 12 }, ...asAdmin })
    await payload.delete({ collection: 'plans', id: plan.id, ...asAdmin })
    const rows = await rowsFor(String(plan.id))
    expect(rows.map((row) => row.action)).toEqual(['PLAN_CREATE', 'PLAN_UPDATE', 'PLAN_DELETE'])
    expect(rows.every((row) => row.actor === String(world.actors.orgAdmin.id) && row.organization === world.organizations.demo)).toBe(true)
    expect(rows[1].changes).toEqual({ price: { from: 10, to: 12 } })
    expect(rows[2].changes.name.to).toBeNull()
  })

  type Lifecycle = { collection: CollectionSlug; subject: string; data: () => Record<string, unknown>; change: Record<string, unknown>; deletable: boolean }
  const LIFECYCLES: Lifecycle[] = [
    {
      collection: 'organizations',
      subject: 'ORGANIZATION',
      data: () => ({ name: unique('org'), slug: unique('org'), status: 'ACTIVE', timeZone: 'UTC', currency: 'USD' }),
      change: { status: 'SUSPENDED' },
      deletable: true,
    },
    { collection: 'locations', subject: 'BRANCH', data: () => ({ organization: world.organizations.demo, name: unique('branch') }), change: { address: 'Moved' }, deletable: true },
    {
      collection: 'users',
      subject: 'CUSTOMER',
      data: () => ({ email: `${unique('lc')}@example.test`, password: PASSWORD, name: 'Lifecycle', status: 'ACTIVE', memberships: [{ organization: world.organizations.demo, role: 'customer' }] }),
      change: { phone: '+254700000999' },
      deletable: true,
    },
    {
      collection: 'routers',
      subject: 'ROUTER',
      data: () => ({ organization: world.organizations.demo, location: world.locations.airport, name: unique('router'), ipAddress: `10.88.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`, secret: 'lifecycle-secret' }),
      change: { nasIdentifier: 'renamed' },
      deletable: true,
    },
    {
      collection: 'vouchers',
      subject: 'VOUCHER',
      data: () => ({ organization: world.organizations.demo, location: world.locations.downtown, plan: network.plans.oneHour, status: 'AVAILABLE' }),
      change: { status: 'EXPIRED' },
      deletable: true,
    },
    { collection: 'tickets', subject: 'TICKET', data: () => ({ organization: world.organizations.demo, title: unique('ticket') }), change: { status: 'closed' }, deletable: false },
    {
      collection: 'ticket-comments',
      subject: 'TICKET_COMMENT',
      data: () => ({ ticket: network.ticket, body: unique('comment') }),
      change: {},
      deletable: false,
    },
  ]

  it.each(LIFECYCLES)('$collection: create, update and delete by the platform owner are $subject_CREATE, _UPDATE, _DELETE', async ({ collection, subject, data, change, deletable }) => {
    const payload = await testPayload()
    const asOwner = { user: owner, overrideAccess: false, depth: 0 } as const
    const doc = await payload.create({ collection, data: data() as never, ...asOwner })
    const expected = [`${subject}_CREATE`]
    if (Object.keys(change).length > 0) {
      await payload.update({ collection, id: doc.id, data: change as never, ...asOwner })
      expected.push(`${subject}_UPDATE`)
    }
    if (deletable) {
      await payload.delete({ collection, id: doc.id, ...asOwner })
      expected.push(`${subject}_DELETE`)
    }
    const rows = await rowsFor(String(doc.id))
    expect(rows.map((row) => row.action)).toEqual(expected)
    expect(rows.every((row) => row.actor === String(owner.id))).toBe(true)
    expect(JSON.stringify(rows)).not.toContain('lifecycle-secret')
  })

  it("a customer's account is CUSTOMER_…, a force-logout SESSION_FORCE_LOGOUT, a stopped timer TIME_SESSION_STOP", async () => {
    const admin = await RestClient.signIn('admin@demo-isp.test', DEMO_PASSWORDS.demoAdmin)
    const customer = await admin.post('/api/users?depth=0', {
      email: `${unique('cust')}@example.test`,
      password: PASSWORD,
      name: 'Audited Customer',
      memberships: [{ organization: world.organizations.demo, role: 'customer' }],
    })
    expect(customer.status).toBe(201)
    expect((await rowsFor(customer.body.doc.id)).map((row) => row.action)).toEqual(['CUSTOMER_CREATE'])

    const payload = await testPayload()
    const session = await payload.create({
      collection: 'sessions',
      data: {
        organization: world.organizations.demo,
        location: world.locations.downtown,
        user: world.users.alice,
        router: network.routers.downtown,
        deviceMac: '02:00:00:aa:bb:01',
        status: 'active',
        acctSessionId: unique('acct'),
        usage: { dataMB: 0, inputOctets: 0, outputOctets: 0 },
        startedAt: new Date().toISOString(),
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      } as never,
    })
    expect((await admin.post(`/api/sessions/${session.id}/force-logout`)).status).toBe(200)
    expect((await rowsFor(String(session.id))).map((row) => row.action)).toEqual(['SESSION_FORCE_LOGOUT'])

    const email = `${unique('agent')}@demo-isp.test`
    await payload.create({ collection: 'users', data: { email, password: PASSWORD, name: 'Audited Agent', status: 'ACTIVE', memberships: [{ organization: world.organizations.demo, role: 'agent' }] } })
    const agent = await RestClient.signIn(email, PASSWORD)
    const ticket = await payload.create({ collection: 'tickets', data: { organization: world.organizations.demo, title: unique('t'), status: 'open', priority: 'normal', number: 0, totalTimeSpent: 0 } })
    const started = await agent.post('/api/time-sessions/start', { ticket: ticket.id })
    await agent.post('/api/time-sessions/stop', { session: started.body.id })
    expect((await rowsFor(started.body.id)).map((row) => row.action)).toEqual(['TIME_SESSION_CREATE', 'TIME_SESSION_STOP'])
  })

  it('a voucher batch, inserted in bulk, is one VOUCHER_BATCH_GENERATE row', async () => {
    const manager = await RestClient.signIn('manager@demo-isp.test', DEMO_PASSWORDS.manager)
    const batch = await manager.post('/api/vouchers/generate', { plan: network.plans.oneHour, count: 25, location: world.locations.downtown })
    expect(batch.status).toBe(201)
    const rows = await rowsFor(batch.body.batchId)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ action: 'VOUCHER_BATCH_GENERATE', targetType: 'vouchers', actor: String(world.actors.manager.id), organization: world.organizations.demo })
    expect(rows[0].changes.count).toEqual({ from: null, to: 25 })
  })

  it('never writes down a password, a password hash or a stored secret', async () => {
    const payload = await testPayload()
    const asOwner = { user: owner, overrideAccess: false, depth: 0 } as const
    const router = await payload.create({
      collection: 'routers',
      data: {
        organization: world.organizations.demo,
        location: world.locations.airport,
        name: unique('router'),
        ipAddress: `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`,
        secret: 'plain-radius-secret-1',
      } as never,
      ...asOwner,
    })
    await payload.update({ collection: 'routers', id: router.id, data: { secret: 'plain-radius-secret-2' } as never, ...asOwner })
    const user = await payload.create({
      collection: 'users',
      data: { email: `${unique('pw')}@example.test`, password: 'plain-password-123', name: 'Pw', status: 'ACTIVE', memberships: [{ organization: world.organizations.demo, role: 'agent' }] },
      ...asOwner,
    })
    await payload.update({ collection: 'users', id: user.id, data: { password: 'plain-password-456' }, ...asOwner })

    const rows = [...(await rowsFor(String(router.id))), ...(await rowsFor(String(user.id)))]
    expect(rows.map((row) => row.action)).toEqual(['ROUTER_CREATE', 'ROUTER_UPDATE', 'USER_CREATE', 'USER_UPDATE'])
    const text = JSON.stringify(rows)
    for (const secret of ['plain-radius-secret-1', 'plain-radius-secret-2', 'plain-password-123', 'plain-password-456']) expect(text).not.toContain(secret)
    // That a credential was set is recorded; what it was is not.
    expect(rows[0].changes.secret).toEqual({ from: null, to: '[redacted]' })
    expect(rows[1].changes).toEqual({ secret: { from: '[redacted]', to: '[redacted]' } })
    expect(rows[3].changes).toEqual({ password: { from: '[redacted]', to: '[redacted]' } })
    expect(JSON.stringify(rows.map((row) => row.changes))).not.toMatch(/"(hash|salt|secretEncrypted)"/)
  })

  it('the system (RADIUS, jobs, the seed) and customers editing their own account are not audited', async () => {
    const payload = await testPayload()
    const system = await payload.create({ collection: 'tickets', data: { organization: world.organizations.demo, title: unique('system'), status: 'open', priority: 'normal', number: 0, totalTimeSpent: 0 } })
    expect(await rowsFor(String(system.id))).toEqual([])
    await payload.update({ collection: 'users', id: world.users.alice, data: { phone: `+2547${Date.now() % 1e8}` }, user: world.actors.customer, overrideAccess: false })
    const alices = await rowsFor(world.users.alice)
    expect(alices.filter((row) => row.actor === world.users.alice)).toEqual([])
  })
})

describe('bulk operations', () => {
  it('a bulk update and a bulk delete record every document, in one unbroken chain', async () => {
    const organization = await newOrganization()
    const payload = await testPayload()
    for (const name of ['Bulk 1', 'Bulk 2', 'Bulk 3', 'Bulk 4']) await organization.client.post('/api/locations', { organization: organization.id, name })
    const asAdmin = { user: organization.admin, overrideAccess: false, depth: 0 } as const
    const where = { organization: { equals: organization.id } }
    const updated = await payload.update({ collection: 'locations', where, data: { address: 'Bulk street' }, ...asAdmin })
    expect(updated.errors).toEqual([])
    const deleted = await payload.delete({ collection: 'locations', where, ...asAdmin })
    expect(deleted.errors).toEqual([])
    const actions = (await payload.find({ collection: 'audit-logs', where: { organization: { equals: organization.id } }, sort: 'sequence', depth: 0, pagination: false })).docs.map((row) => row.action)
    expect(actions).toEqual([...Array(4).fill('BRANCH_CREATE'), ...Array(4).fill('BRANCH_UPDATE'), ...Array(4).fill('BRANCH_DELETE')])
    expect(await verifyAuditChain(payload, organization.id)).toEqual({ organization: organization.id, checked: 12, intact: true })
  })
})

describe('append-only', () => {
  it('no one changes or deletes a row over the API, not even the platform owner', async () => {
    const payload = await testPayload()
    const [row] = (await payload.find({ collection: 'audit-logs', limit: 1, depth: 0 })).docs
    for (const user of [owner, world.actors.orgAdmin]) {
      expect(await statusOf(() => payload.update({ collection: 'audit-logs', id: row.id, data: { action: 'NOTHING' }, user, overrideAccess: false }))).toBe(403)
      expect(await statusOf(() => payload.delete({ collection: 'audit-logs', id: row.id, user, overrideAccess: false }))).toBe(403)
    }
    const client = await RestClient.signIn('super@beacon.test', DEMO_PASSWORDS.super)
    expect((await client.post('/api/audit-logs', { action: 'FORGED', targetType: 'x', targetId: 'y', sequence: 1, previousHash: 'x', hash: 'y' })).status).toBe(403)
    expect((await client.delete(`/api/audit-logs/${row.id}`)).status).toBe(403)
  })

  it('the database refuses UPDATE, DELETE and TRUNCATE, whoever asks', async () => {
    const db = await drizzleFor(await testPayload())
    for (const statement of [
      sql`update audit_logs set action = 'FORGED' where id = (select id from audit_logs limit 1)`,
      sql`delete from audit_logs where id = (select id from audit_logs limit 1)`,
      sql`truncate audit_logs`,
    ]) {
      await expect(db.execute(statement)).rejects.toThrow()
    }
    const error = await db.execute(sql`delete from audit_logs`).then(() => null, (caught: { cause?: { message?: string } }) => caught.cause?.message)
    expect(error).toMatch(/append-only: DELETE refused/)
  })
})

describe('the hash chain', () => {
  it('is intact after 20 simultaneous changes in one organization, numbered without gaps', async () => {
    const organization = await newOrganization()
    const responses = await Promise.all(Array.from({ length: 20 }, (_, index) => organization.client.post('/api/locations', { organization: organization.id, name: `Branch ${index}` })))
    expect(responses.every((response) => response.status === 201)).toBe(true)
    const report = await verifyAuditChain(await testPayload(), organization.id)
    expect(report).toEqual({ organization: organization.id, checked: 20, intact: true })
  })

  it("points at a row whose content was altered in SQL behind the application's back", async () => {
    const organization = await newOrganization()
    for (const name of ['First', 'Second', 'Third']) await organization.client.post('/api/locations', { organization: organization.id, name })
    const payload = await testPayload()
    const { docs } = await payload.find({ collection: 'audit-logs', where: { organization: { equals: organization.id } }, sort: 'sequence', depth: 0 })
    const second = docs[1]

    // An attacker with the database owner's rights: the trigger is theirs to switch off.
    const client = await poolOf(payload).connect()
    try {
      await client.query('begin')
      await client.query('alter table audit_logs disable trigger audit_logs_append_only')
      await client.query({ name: 'forge-row', text: `update audit_logs set changes = '{"name":{"from":null,"to":"Forged"}}'::jsonb where id = $1`, values: [second.id] })
      await client.query('alter table audit_logs enable trigger audit_logs_append_only')
      await client.query('commit')
    } finally {
      client.release()
    }

    const report = await verifyAuditChain(payload, organization.id)
    expect(report.intact).toBe(false)
    expect(report.firstBroken).toMatchObject({ id: second.id, sequence: 2, problem: 'its content does not match its hash: it was changed' })

    const overHttp = await organization.client.get('/api/audit-logs/verify')
    expect(overHttp.status).toBe(200)
    expect(overHttp.body).toMatchObject({ intact: false, checked: 1, firstBroken: { id: second.id, sequence: 2 } })
  })

  it('finds the newest rows removed, a changed actor name and a forged chain record', async () => {
    const payload = await testPayload()
    const asOwner = async (work: (client: Awaited<ReturnType<ReturnType<typeof poolOf>['connect']>>) => Promise<void>) => {
      const client = await poolOf(payload).connect()
      try {
        await client.query('begin')
        await client.query('alter table audit_logs disable trigger audit_logs_append_only')
        await work(client)
        await client.query('alter table audit_logs enable trigger audit_logs_append_only')
        await client.query('commit')
      } finally {
        client.release()
      }
    }

    const tail = await newOrganization()
    for (const name of ['A', 'B', 'C']) await tail.client.post('/api/locations', { organization: tail.id, name })
    await asOwner((client) => client.query({ name: 'remove-tail', text: 'delete from audit_logs where organization_id = $1 and sequence = 3', values: [tail.id] }).then(() => undefined))
    expect(await verifyAuditChain(payload, tail.id)).toMatchObject({ intact: false, checked: 2, firstBroken: { sequence: 2, problem: 'the chain ends at 2, but its newest row was 3: rows were removed' } })

    const renamed = await newOrganization()
    await renamed.client.post('/api/locations', { organization: renamed.id, name: 'Only' })
    await asOwner((client) => client.query({ name: 'rename-actor', text: "update audit_logs set actor_name = 'Somebody Else' where organization_id = $1", values: [renamed.id] }).then(() => undefined))
    expect(await verifyAuditChain(payload, renamed.id)).toMatchObject({ intact: false, firstBroken: { sequence: 1, problem: 'its content does not match its hash: it was changed' } })

    const forged = await newOrganization()
    for (const name of ['X', 'Y']) await forged.client.post('/api/locations', { organization: forged.id, name })
    const [second] = (await payload.find({ collection: 'audit-logs', where: { and: [{ organization: { equals: forged.id } }, { sequence: { equals: 2 } }] }, depth: 0 })).docs
    // Removing the first row and claiming the chain now starts after it: without the key, the record cannot be re-signed.
    await asOwner(async (client) => {
      await client.query({ name: 'remove-first', text: 'delete from audit_logs where organization_id = $1 and sequence = 1', values: [forged.id] })
      await client.query({ name: 'forge-anchor', text: 'update audit_log_chains set anchor_sequence = 1, anchor_hash = $2 where chain = $1', values: [forged.id, second.previousHash] })
    })
    expect(await verifyAuditChain(payload, forged.id)).toMatchObject({ intact: false, checked: 0, firstBroken: { problem: "the chain's own record was altered" } })
  })

  it('finds a removed row by the gap it leaves', async () => {
    const organization = await newOrganization()
    for (const name of ['One', 'Two', 'Three']) await organization.client.post('/api/locations', { organization: organization.id, name })
    const payload = await testPayload()
    const client = await poolOf(payload).connect()
    try {
      await client.query('begin')
      await client.query('alter table audit_logs disable trigger audit_logs_append_only')
      await client.query({ name: 'remove-row', text: 'delete from audit_logs where organization_id = $1 and sequence = 2', values: [organization.id] })
      await client.query('alter table audit_logs enable trigger audit_logs_append_only')
      await client.query('commit')
    } finally {
      client.release()
    }
    const report = await verifyAuditChain(payload, organization.id)
    expect(report).toMatchObject({ intact: false, checked: 1, firstBroken: { sequence: 3, problem: 'sequence 3 follows 1: a row is missing' } })
  })
})

/** Entries written for an organization as if staff had made them `daysAgo` days ago (oldest first). */
async function backdatedEntries(organization: string, daysAgo: number[]) {
  const payload = await testPayload()
  for (const days of daysAgo) {
    await inSystemTransaction(payload, (req) =>
      appendAuditEntry(
        req,
        { organization, actor: null, actorName: 'Earlier Admin', action: 'BRANCH_UPDATE', targetType: 'locations', targetId: unique('branch'), changes: { address: { from: null, to: `${days} days ago` } } },
        new Date(Date.now() - days * 86_400_000),
      ),
    )
  }
}

describe('retention', () => {
  it("removes entries older than the organization's retention, oldest first, and what remains still verifies", async () => {
    const organization = await newOrganization()
    const payload = await testPayload()
    await payload.update({ collection: 'organizations', id: organization.id, data: { auditRetentionDays: 30 } })
    await backdatedEntries(organization.id, [100, 99, 10])

    expect(await pruneAuditLogs(payload)).toBeGreaterThanOrEqual(2)
    const left = await payload.find({ collection: 'audit-logs', where: { organization: { equals: organization.id } }, sort: 'sequence', depth: 0 })
    expect(left.docs.map((row) => row.sequence)).toEqual([3])
    expect(await verifyAuditChain(payload, organization.id)).toEqual({ organization: organization.id, checked: 1, intact: true })

    await organization.client.post('/api/locations', { organization: organization.id, name: 'After pruning' })
    expect(await verifyAuditChain(payload, organization.id)).toEqual({ organization: organization.id, checked: 2, intact: true })
  })

  it('a chain pruned to nothing carries on from where it was', async () => {
    const organization = await newOrganization()
    const payload = await testPayload()
    // The organization's creation was the system's; these are all its entries.
    await backdatedEntries(organization.id, [400, 390])
    await pruneAuditLogs(payload)
    expect((await payload.count({ collection: 'audit-logs', where: { organization: { equals: organization.id } } })).totalDocs).toBe(0)
    expect(await verifyAuditChain(payload, organization.id)).toEqual({ organization: organization.id, checked: 0, intact: true })
    await organization.client.post('/api/locations', { organization: organization.id, name: 'Fresh start' })
    const [row] = (await payload.find({ collection: 'audit-logs', where: { organization: { equals: organization.id } }, depth: 0 })).docs
    expect(row.sequence).toBe(3)
    expect(await verifyAuditChain(payload, organization.id)).toEqual({ organization: organization.id, checked: 1, intact: true })
  })

  it('outside the retention, deleting is refused even with the retention setting: nothing younger than 30 days goes', async () => {
    const organization = await newOrganization()
    await organization.client.post('/api/locations', { organization: organization.id, name: 'Recent' })
    const client = await poolOf(await testPayload()).connect()
    try {
      await client.query('begin')
      await client.query("select set_config('beacon.audit_prune', 'on', true)")
      const refused = await client
        .query({ name: 'delete-recent', text: 'delete from audit_logs where organization_id = $1', values: [organization.id] })
        .then(() => null, (error: Error) => error.message)
      expect(refused).toMatch(/append-only: DELETE refused/)
    } finally {
      await client.query('rollback')
      client.release()
    }
  })

  it('a retention under 30 days is refused with a reason', async () => {
    const organization = await newOrganization()
    const platform = await RestClient.signIn('super@beacon.test', DEMO_PASSWORDS.super)
    const response = await platform.patch(`/api/organizations/${organization.id}`, { auditRetentionDays: 7 })
    expect(response.status).toBe(400)
    expect(JSON.stringify(response.body)).toContain('A whole number of days from 30 to 3650.')
  })
})

describe('verify and export', () => {
  it('answer org-admins for their own organization and super-admins for any; others are refused', async () => {
    const admin = await RestClient.signIn('admin@demo-isp.test', DEMO_PASSWORDS.demoAdmin)
    const verified = await admin.get('/api/audit-logs/verify')
    expect(verified.status).toBe(200)
    expect(verified.body).toMatchObject({ organization: world.organizations.demo, intact: true })
    expect(verified.body.checked).toBeGreaterThan(0)
    expect((await admin.get(`/api/audit-logs/verify?organization=${world.organizations.other}`)).status).toBe(404)

    const lead = await RestClient.signIn('lead@demo-isp.test', DEMO_PASSWORDS.lead)
    const refused = await lead.get('/api/audit-logs/verify')
    expect(refused.status).toBe(403)
    expect(errorOf(refused)).toBe('Only organization admins read the audit log.')
    expect((await lead.get('/api/audit-logs')).status).toBe(403)

    const platform = await RestClient.signIn('super@beacon.test', DEMO_PASSWORDS.super)
    expect((await platform.get(`/api/audit-logs/verify?organization=${world.organizations.other}`)).status).toBe(200)
  })

  it("lists and exports only the organization's own rows, as CSV or JSON, for a date range", async () => {
    const organization = await newOrganization()
    await organization.client.post('/api/locations', { organization: organization.id, name: 'Exported, "quoted"' })
    const today = new Date().toISOString().slice(0, 10)
    const csv = await organization.client.get(`/api/audit-logs/export?from=${today}&to=${today}`)
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/)
    const lines = csv.text.trim().split('\n')
    expect(lines[0]).toBe('created_at,sequence,action,actor,actor_name,target_type,target_id,changes,hash')
    expect(lines).toHaveLength(2)
    expect(lines[1]).toContain('BRANCH_CREATE')

    const json = await organization.client.get(`/api/audit-logs/export?from=${today}&to=${today}&format=json`)
    expect(json.body).toHaveLength(1)
    expect(json.body[0]).toMatchObject({ action: 'BRANCH_CREATE', organization: organization.id, sequence: 1 })
    expect(errorOf(await organization.client.get(`/api/audit-logs/export?from=${today}&to=${today}&format=xml`))).toBe('format is csv or json.')

    const list = await organization.client.get('/api/audit-logs?limit=100&depth=0')
    expect(list.body.docs).toHaveLength(1)
    expect(list.body.docs.every((row: { organization: string }) => row.organization === organization.id)).toBe(true)
  })
})
