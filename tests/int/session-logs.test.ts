/**
 * Login session logs (seed 003): a sign-in opens a log with the address and the parsed device,
 * signing out closes it; failed attempts are logged with their reason; people see and end their
 * own sessions, org-admins their people's, and an ended session's token is refused at once;
 * a job closes the logs of sessions that lapsed.
 */
import { sql } from '@payloadcms/db-postgres'
import { beforeAll, describe, expect, it } from 'vitest'

import { drizzleFor, rowsOf } from '@/db/sql'
import { withSessionLogs } from '@/plugins/audit'
import { closeEndedSessionLogs } from '@/plugins/audit/jobs/closeEndedSessionLogs'

import { createOrganizationWithAdmin, loadWorld, unique, type World } from '../helpers/fixtures'
import { testPayload } from '../helpers/payload'
import { errorOf, RestClient } from '../helpers/rest'

const PASSWORD = 'a-long-password-1'
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1'
const WINDOWS_CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36'

const device = (userAgent: string, ip: string) => ({ headers: { 'user-agent': userAgent, 'x-beacon-client-ip': ip } })

type Log = Record<string, unknown> & { id: string }

let world: World
let organization: Awaited<ReturnType<typeof createOrganizationWithAdmin>>

/** A member of `organization` with a password, for sessions of their own. */
async function newMember(role: 'agent' | 'customer' = 'agent') {
  const payload = await testPayload()
  const email = `${unique('member')}@example.test`
  const user = await payload.create({
    collection: 'users',
    data: { email, password: PASSWORD, name: 'Member', status: 'ACTIVE', memberships: [{ organization: organization.id, role }] },
  })
  return { id: String(user.id), email }
}

async function logsOf(userId: string): Promise<Log[]> {
  const payload = await testPayload()
  const { docs } = await payload.find({ collection: 'session-logs', where: { user: { equals: userId } }, sort: 'loginAt', depth: 0, pagination: false })
  return docs as unknown as Log[]
}

beforeAll(async () => {
  world = await loadWorld()
  organization = await createOrganizationWithAdmin('sessions')
})

describe('signing in and out', () => {
  it('a sign-in opens a log with the address and the parsed device; signing out closes it', async () => {
    const member = await newMember()
    const phone = await RestClient.signIn(member.email, PASSWORD, device(IPHONE, '198.51.100.7'))
    const [log] = await logsOf(member.id)
    expect(log).toMatchObject({
      outcome: 'success',
      organization: organization.id,
      activeOrganization: organization.id,
      ipAddress: '198.51.100.7',
      userAgent: IPHONE,
      browser: 'Mobile Safari 17',
      os: 'iOS 17.1',
      deviceType: 'mobile',
      deviceInfo: 'Mobile Safari 17 on iOS 17.1 · Apple iPhone (mobile)',
      endReason: null,
    })
    expect(log.logoutAt).toBeNull()
    expect(new Date(String(log.expiresAt)).getTime()).toBeGreaterThan(Date.now() + 7 * 3600_000)

    // The API shows the row to its owner, marks it as the current session, and never sends the
    // session id (Payload shows a person their own `sessions` only, so the admin's view is checked too).
    const own = await phone.get(`/api/session-logs/${log.id}?depth=0`)
    expect(own.status).toBe(200)
    expect(own.body.current).toBe(true)
    expect(own.body).not.toHaveProperty('sessionId')
    expect(own.text).not.toContain(String(log.sessionId))
    const asAdmin = await organization.client.get(`/api/session-logs/${log.id}?depth=2`)
    expect(asAdmin.status).toBe(200)
    expect(asAdmin.body.current).toBe(false)
    expect(asAdmin.text).not.toContain(String(log.sessionId))

    expect((await phone.post('/api/users/logout')).status).toBe(200)
    const [closed] = await logsOf(member.id)
    expect(closed.endReason).toBe('logout')
    expect(new Date(String(closed.logoutAt)).getTime()).toBeGreaterThanOrEqual(new Date(String(log.loginAt)).getTime())
    expect((await phone.get('/api/users/me')).body.user).toBeNull()
  })

  it('the INITIAL context change is written at sign-in, with the session and the address', async () => {
    const member = await newMember()
    await RestClient.signIn(member.email, PASSWORD, device(WINDOWS_CHROME, '2001:db8::7'))
    const [log] = await logsOf(member.id)
    const payload = await testPayload()
    const { docs } = await payload.find({ collection: 'context-changes', where: { user: { equals: member.id } }, depth: 0 })
    expect(docs).toHaveLength(1)
    expect(docs[0]).toMatchObject({
      eventType: 'INITIAL',
      organization: organization.id,
      fromOrganization: null,
      metadata: { from: null, to: organization.id, reason: 'signed in', sessionLog: log.id, ip: '2001:db8::7' },
    })
  })

  it('signing out of all sessions closes every open log of the person', async () => {
    const member = await newMember()
    const first = await RestClient.signIn(member.email, PASSWORD, device(IPHONE, '198.51.100.8'))
    await RestClient.signIn(member.email, PASSWORD, device(WINDOWS_CHROME, '198.51.100.9'))
    expect((await first.post('/api/users/logout?allSessions=true')).status).toBe(200)
    const logs = await logsOf(member.id)
    expect(logs.map((log) => log.endReason)).toEqual(['logout', 'logout'])
  })

  it('signing in again in the same browser replaces the session its cookie held, which stops working', async () => {
    const member = await newMember()
    const browser = await RestClient.signIn(member.email, PASSWORD, { ...device(WINDOWS_CHROME, '198.51.100.10'), cookie: true })
    const again = await browser.signInFromHere(member.email, PASSWORD)
    const [replaced, current] = await logsOf(member.id)
    expect(replaced.endReason).toBe('replaced')
    expect(current.logoutAt).toBeNull()
    expect((await browser.get('/api/users/me')).body.user).toBeNull()
    expect((await again.get('/api/users/me')).body.user.id).toBe(member.id)
  })
})

describe('failed sign-ins', () => {
  it('a wrong password is logged against the account with the reason; the answer does not tell which part was wrong', async () => {
    const member = await newMember()
    const attempt = await RestClient.anonymous(device(WINDOWS_CHROME, '203.0.113.5')).post('/api/users/login', { email: member.email, password: 'wrong-password' })
    expect(attempt.status).toBe(401)
    expect(errorOf(attempt)).toBe('The email or password provided is incorrect.')
    const [log] = await logsOf(member.id)
    expect(log).toMatchObject({ outcome: 'failed', failureReason: 'wrong-password', identifier: member.email, ipAddress: '203.0.113.5', organization: organization.id, sessionId: null })
    expect(log.deviceInfo).toBe('Chrome 120 on Windows 10 (desktop)')
  })

  it('an unknown address is logged with no user, answered like a wrong password', async () => {
    const email = `${unique('nobody')}@example.test`
    const attempt = await RestClient.anonymous(device(IPHONE, '203.0.113.6')).post('/api/users/login', { email, password: 'whatever-1' })
    expect(attempt.status).toBe(401)
    expect(errorOf(attempt)).toBe('The email or password provided is incorrect.')
    const payload = await testPayload()
    const { docs } = await payload.find({ collection: 'session-logs', where: { identifier: { equals: email } }, depth: 0 })
    expect(docs).toHaveLength(1)
    expect(docs[0]).toMatchObject({ outcome: 'failed', failureReason: 'unknown-user', user: null, organization: null, ipAddress: '203.0.113.6' })
  })

  it('five wrong passwords lock the account; the next attempts, even with the right password, are logged as locked out', async () => {
    const member = await newMember()
    const guesser = RestClient.anonymous(device(WINDOWS_CHROME, '203.0.113.7'))
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await guesser.post('/api/users/login', { email: member.email, password: `guess-${attempt}` })).status).toBe(401)
    }
    const locked = await guesser.post('/api/users/login', { email: member.email, password: PASSWORD })
    expect(locked.status).toBe(401)
    const reasons = (await logsOf(member.id)).map((log) => log.failureReason)
    expect(reasons).toEqual([...Array(5).fill('wrong-password'), 'locked-out'])
  })

  it('20 failed sign-ins from one address pause sign-ins from it (429, not logged again); other addresses are unaffected', async () => {
    const member = await newMember()
    const sprayer = RestClient.anonymous(device(WINDOWS_CHROME, '203.0.113.66'))
    for (let attempt = 0; attempt < 20; attempt++) {
      expect((await sprayer.post('/api/users/login', { email: `${unique('spray')}@example.test`, password: 'Summer2026!' })).status).toBe(401)
    }
    const paused = await sprayer.post('/api/users/login', { email: member.email, password: PASSWORD })
    expect(paused.status).toBe(429)
    expect(errorOf(paused)).toMatch(/^Too many failed sign-ins from your address\. Try again in 1[45] minutes\.$/)
    expect(await logsOf(member.id)).toHaveLength(0)
    const payload = await testPayload()
    expect((await payload.count({ collection: 'session-logs', where: { ipAddress: { equals: '203.0.113.66' } } })).totalDocs).toBe(20)

    await RestClient.signIn(member.email, PASSWORD, device(WINDOWS_CHROME, '203.0.113.67'))
    expect((await logsOf(member.id)).map((log) => log.outcome)).toEqual(['success'])
  })

  it('a failed sign-in over GraphQL is logged and counted like one over REST', async () => {
    const member = await newMember()
    const client = RestClient.anonymous(device(IPHONE, '203.0.113.70'))
    const mutation = 'mutation ($email: String!, $password: String!) { loginUser(email: $email, password: $password) { token } }'
    const failed = await client.graphql(mutation, { email: member.email, password: 'wrong-password' })
    expect(failed.body.errors[0].message).toBe('The email or password provided is incorrect.')
    const [log] = await logsOf(member.id)
    expect(log).toMatchObject({ outcome: 'failed', failureReason: 'wrong-password', identifier: member.email, ipAddress: '203.0.113.70' })
    // Counted toward the address's 20: nineteen more over REST, and the next is paused.
    await Promise.all(
      Array.from({ length: 19 }, () => client.post('/api/users/login', { email: `${unique('spray')}@example.test`, password: 'wrong-password' })),
    )
    expect((await client.post('/api/users/login', { email: member.email, password: PASSWORD })).status).toBe(429)
  })

  it('lockout is on for every auth collection, added where a collection does not set it', async () => {
    const payload = await testPayload()
    const auth = payload.config.collections.filter((collection) => collection.auth)
    expect(auth.map((collection) => collection.slug)).toEqual(['users'])
    for (const collection of auth) {
      expect(collection.auth.maxLoginAttempts, collection.slug).toBe(5)
      expect(collection.auth.lockTime, collection.slug).toBe(15 * 60_000)
    }
    // A future auth collection that says nothing about lockout still gets it from the audit plugin.
    const added = withSessionLogs({ slug: 'members', auth: true, fields: [] })
    expect(added.auth).toMatchObject({ maxLoginAttempts: 5, lockTime: 15 * 60_000 })
    expect(added.hooks?.afterLogin).toHaveLength(1)
    expect(added.hooks?.afterError).toHaveLength(1)
  })
})

describe('sessions people can see and end', () => {
  it('a person lists their own open sessions and ends one; its token is refused on its next request', async () => {
    const member = await newMember()
    const laptop = await RestClient.signIn(member.email, PASSWORD, device(WINDOWS_CHROME, '198.51.100.20'))
    const phone = await RestClient.signIn(member.email, PASSWORD, device(IPHONE, '198.51.100.21'))
    expect((await phone.get('/api/locations?limit=1')).status).toBe(200)

    const open = await laptop.get(`/api/session-logs?where[user][equals]=${member.id}&where[logoutAt][exists]=false&sort=loginAt&depth=0`)
    expect(open.status).toBe(200)
    expect(open.body.docs.map((log: Log) => [log.deviceInfo, log.current])).toEqual([
      ['Chrome 120 on Windows 10 (desktop)', true],
      ['Mobile Safari 17 on iOS 17.1 · Apple iPhone (mobile)', false],
    ])

    const phoneLog = open.body.docs[1] as Log
    const revoked = await laptop.post(`/api/session-logs/${phoneLog.id}/revoke`)
    expect(revoked.status).toBe(200)
    expect(revoked.body.message).toBe('Signed out: Mobile Safari 17 on iOS 17.1 · Apple iPhone (mobile).')

    expect((await phone.get('/api/users/me')).body.user).toBeNull()
    expect((await phone.get(`/api/users/${member.id}`)).status).toBe(403)
    expect((await laptop.get(`/api/users/${member.id}`)).status).toBe(200)
    const logs = await logsOf(member.id)
    expect(logs.map((log) => log.endReason)).toEqual([null, 'revoked'])
    // Ending it twice says so.
    const again = await laptop.post(`/api/session-logs/${phoneLog.id}/revoke`)
    expect(again.status).toBe(409)
    expect(errorOf(again)).toBe('This session already ended (revoked).')
  })

  it("an org-admin sees and ends their people's sessions, recorded in the audit log; others cannot", async () => {
    const member = await newMember('customer')
    const customer = await RestClient.signIn(member.email, PASSWORD, device(IPHONE, '198.51.100.30'))
    const [log] = await logsOf(member.id)

    const otherAdmin = await RestClient.signIn('admin@other-isp.test', 'beacon-other-1')
    expect((await otherAdmin.get(`/api/session-logs/${log.id}`)).status).toBe(404)
    expect((await otherAdmin.post(`/api/session-logs/${log.id}/revoke`)).status).toBe(404)
    const colleague = await RestClient.signIn((await newMember('customer')).email, PASSWORD)
    expect((await colleague.post(`/api/session-logs/${log.id}/revoke`)).status).toBe(404)

    const listed = await organization.client.get(`/api/session-logs?where[user][equals]=${member.id}`)
    expect(listed.body.docs.map((row: Log) => row.id)).toEqual([log.id])
    expect((await organization.client.post(`/api/session-logs/${log.id}/revoke`)).status).toBe(200)
    expect((await customer.get('/api/users/me')).body.user).toBeNull()

    const payload = await testPayload()
    const audit = await payload.find({ collection: 'audit-logs', where: { targetId: { equals: log.id } }, depth: 0 })
    expect(audit.docs.map((row) => [row.action, row.organization, row.actor])).toEqual([
      ['LOGIN_SESSION_REVOKE', organization.id, String(organization.admin.id)],
    ])
  })

  it('a revoked session brought back by a concurrent write of `sessions` is still refused, and removed again', async () => {
    const member = await newMember()
    const laptop = await RestClient.signIn(member.email, PASSWORD)
    const phone = await RestClient.signIn(member.email, PASSWORD)
    const phoneLog = (await logsOf(member.id))[1]
    const sessionId = String(phoneLog.sessionId)
    const payload = await testPayload()
    const [row] = rowsOf<Record<string, unknown>>(await (await drizzleFor(payload)).execute(sql`select * from users_sessions where id = ${sessionId}`))
    expect((await laptop.post(`/api/session-logs/${phoneLog.id}/revoke`)).status).toBe(200)

    // What a login or refresh that read `sessions` before the revocation writes back.
    const db = await drizzleFor(payload)
    const bringBack = () =>
      db.execute(sql`insert into users_sessions (_order, _parent_id, id, created_at, expires_at)
        values (${row._order}, ${row._parent_id}::uuid, ${sessionId}, ${new Date(String(row.created_at)).toISOString()}::timestamptz, ${new Date(Date.now() + 3600_000).toISOString()}::timestamptz)`)
    await bringBack()
    expect((await phone.get(`/api/session-logs?where[user][equals]=${member.id}`)).status).toBe(403)
    expect((await phone.get('/api/users/context')).status).toBe(401)
    expect(rowsOf(await db.execute(sql`select 1 from users_sessions where id = ${sessionId}`))).toHaveLength(0)
    // Nor can it be extended while back.
    await bringBack()
    const refresh = await phone.post('/api/users/refresh-token')
    expect(refresh.status).toBe(401)
    expect(errorOf(refresh)).toBe('This session has ended. Sign in again.')
    expect((await logsOf(member.id))[1]).toMatchObject({ endReason: 'revoked', expiresAt: phoneLog.expiresAt })
  })

  it('an org-admin cannot end the sessions of someone who has left the organization', async () => {
    const member = await newMember()
    await RestClient.signIn(member.email, PASSWORD)
    const [log] = await logsOf(member.id)
    const payload = await testPayload()
    await payload.update({ collection: 'users', id: member.id, data: { memberships: [{ organization: world.organizations.other, role: 'agent' }] } })
    const refused = await organization.client.post(`/api/session-logs/${log.id}/revoke`)
    expect(refused.status).toBe(403)
    expect((await logsOf(member.id))[0].logoutAt).toBeNull()
  })

  it("the platform owner's sessions are not shown to organizations, even while working in one", async () => {
    const owner = await RestClient.signIn('super@beacon.test', 'beacon-super-1')
    expect((await owner.post('/api/users/switch-organization', { organization: organization.id })).status).toBe(200)
    const [log] = (await logsOf(String(world.actors.super.id))).filter((row) => row.activeOrganization === organization.id)
    expect(log).toBeDefined()
    expect((await organization.client.get(`/api/session-logs/${log.id}`)).status).toBe(404)
    expect((await organization.client.post(`/api/session-logs/${log.id}/revoke`)).status).toBe(404)
  })

  it('nobody creates, changes or deletes session logs over the API', async () => {
    const member = await newMember()
    const client = await RestClient.signIn(member.email, PASSWORD)
    const [log] = await logsOf(member.id)
    const owner = await RestClient.signIn('super@beacon.test', 'beacon-super-1')
    for (const who of [client, organization.client, owner]) {
      expect((await who.post('/api/session-logs', { user: member.id, loginAt: new Date().toISOString() })).status).toBe(403)
      expect((await who.patch(`/api/session-logs/${log.id}`, { ipAddress: '192.0.2.1' })).status).toBe(403)
      expect((await who.delete(`/api/session-logs/${log.id}`)).status).toBe(403)
    }
    expect((await logsOf(member.id))[0].ipAddress).toBe(log.ipAddress)
  })
})

describe('the job that closes ended sessions', () => {
  it('closes a lapsed session as expired at the time it lapsed, and one removed by a password change as revoked', async () => {
    const member = await newMember()
    const payload = await testPayload()
    const lapsing = await RestClient.signIn(member.email, PASSWORD, device(IPHONE, '198.51.100.40'))
    const staying = await RestClient.signIn(member.email, PASSWORD, device(WINDOWS_CHROME, '198.51.100.41'))
    await RestClient.signIn(member.email, PASSWORD, device(WINDOWS_CHROME, '198.51.100.42'))
    const [lapsed, kept, third] = await logsOf(member.id)

    const lapsedAt = new Date(Date.now() - 60_000)
    const db = await drizzleFor(payload)
    await db.execute(sql`update users_sessions set expires_at = ${lapsedAt.toISOString()}::timestamptz where id = ${String(lapsed.sessionId)}`)
    await db.execute(sql`update session_logs set expires_at = ${lapsedAt.toISOString()}::timestamptz where id = ${lapsed.id}::uuid`)
    // Payload keeps only the current session when a person changes their password.
    expect((await staying.patch(`/api/users/${member.id}`, { password: 'another-long-password-2' })).status).toBe(200)

    expect(await closeEndedSessionLogs(payload)).toBeGreaterThanOrEqual(2)
    const after = new Map((await logsOf(member.id)).map((log) => [log.id, log]))
    expect(after.get(lapsed.id)).toMatchObject({ endReason: 'expired' })
    expect(new Date(String(after.get(lapsed.id)!.logoutAt)).getTime()).toBe(lapsedAt.getTime())
    expect(after.get(third.id)).toMatchObject({ endReason: 'revoked' })
    expect(after.get(kept.id)).toMatchObject({ endReason: null, logoutAt: null })
    expect((await lapsing.get('/api/users/me')).body.user).toBeNull()
    // A second run finds nothing more to close.
    const open = (await logsOf(member.id)).filter((log) => !log.logoutAt).length
    await closeEndedSessionLogs(payload)
    expect((await logsOf(member.id)).filter((log) => !log.logoutAt).length).toBe(open)
  })
})
