import { randomBytes } from 'node:crypto'

import { idOf, testPayload, userByEmail } from './payload'
import { RestClient } from './rest'

export const ACTORS = ['super', 'orgAdmin', 'manager', 'supervisor', 'agent', 'viewer', 'customer', 'otherAdmin'] as const
export type Actor = (typeof ACTORS)[number]

/** Who plays each role: the README's demo accounts, plus a viewer the tests add. */
export const ACTOR_EMAILS: Record<Actor, string> = {
  super: 'super@beacon.test',
  orgAdmin: 'admin@demo-isp.test',
  manager: 'manager@demo-isp.test',
  supervisor: 'lead@demo-isp.test',
  agent: 'tech2@demo-isp.test',
  viewer: 'viewer@demo-isp.test',
  customer: 'alice@demo-isp.test',
  otherAdmin: 'admin@other-isp.test',
}

/** The password of the demo viewer the tests add (the seed has no viewer). */
export const VIEWER_PASSWORD = 'beacon-viewer-1'

export const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`

export type World = Awaited<ReturnType<typeof loadWorld>>

/** Ids of the seeded tenants, branches and people, plus a demo viewer (created once). */
export async function loadWorld() {
  const payload = await testPayload()
  const demo = await idOf('organizations', { slug: { equals: 'demo-isp' } })
  const other = await idOf('organizations', { slug: { equals: 'other-isp' } })
  const downtown = await idOf('locations', { name: { equals: 'Downtown' } })
  const airport = await idOf('locations', { name: { equals: 'Airport' } })
  const mainStreet = await idOf('locations', { name: { equals: 'Main Street' } })

  const viewerExists = await payload.count({ collection: 'users', where: { email: { equals: ACTOR_EMAILS.viewer } } })
  if (viewerExists.totalDocs === 0) {
    await payload.create({
      collection: 'users',
      data: {
        email: ACTOR_EMAILS.viewer,
        password: VIEWER_PASSWORD,
        name: 'Vic Viewer',
        status: 'ACTIVE',
        memberships: [{ organization: demo, role: 'viewer' }],
      },
    })
  }

  const actors = Object.fromEntries(
    await Promise.all(ACTORS.map(async (actor) => [actor, await userByEmail(ACTOR_EMAILS[actor])] as const)),
  ) as Record<Actor, Awaited<ReturnType<typeof userByEmail>>>

  const userId = (email: string) => userByEmail(email).then((user) => String(user.id))
  return {
    payload,
    actors,
    organizations: { demo, other },
    locations: { downtown, airport, mainStreet },
    users: {
      alice: await userId('alice@demo-isp.test'),
      tech1: await userId('tech1@demo-isp.test'),
      otherAdmin: await userId('admin@other-isp.test'),
    },
  }
}

const MINUTE = 60_000

/** Ids of the seeded network: plans, routers, one voucher per tenant, Alice's open session. */
export async function loadNetwork(world: World) {
  const { payload, organizations } = world
  const one = async (collection: 'plans' | 'routers' | 'vouchers' | 'sessions', where: Record<string, unknown>) => {
    const { docs } = await payload.find({ collection, where: where as never, limit: 1, depth: 0 })
    if (!docs[0]) throw new Error(`no ${collection} matching ${JSON.stringify(where)}`)
    return String(docs[0].id)
  }
  return {
    plans: {
      oneHour: await one('plans', { and: [{ organization: { equals: organizations.demo } }, { name: { equals: '1 Hour' } }] }),
      dayPass: await one('plans', { and: [{ organization: { equals: organizations.demo } }, { name: { equals: 'Day Pass' } }] }),
      otherDaily: await one('plans', { organization: { equals: organizations.other } }),
    },
    routers: {
      downtown: await one('routers', { ipAddress: { equals: '127.0.0.1' } }),
      mainStreet: await one('routers', { ipAddress: { equals: '127.0.0.2' } }),
    },
    vouchers: {
      downtown: await one('vouchers', { and: [{ batchId: { equals: 'DEMO-1HOUR' } }, { status: { equals: 'AVAILABLE' } }] }),
      other: await one('vouchers', { batchId: { equals: 'DEMO-OTHER' } }),
    },
  }
}

export type SessionPlace = { organization: string; location: string; user: string; router?: string; plan?: string }

/** A WiFi session written as the RADIUS service would (system, no access control). */
export async function createSession(place: SessionPlace, overrides: Record<string, unknown> = {}) {
  const payload = await testPayload()
  const now = Date.now()
  return payload.create({
    collection: 'sessions',
    data: {
      ...place,
      deviceMac: `02:00:${randomBytes(4).toString('hex').match(/../g)!.join(':')}`,
      status: 'active',
      acctSessionId: randomBytes(4).toString('hex'),
      usage: { dataMB: 0, inputOctets: 1_000, outputOctets: 9_000 },
      startedAt: new Date(now - 10 * MINUTE).toISOString(),
      expiresAt: new Date(now + 50 * MINUTE).toISOString(),
      ...overrides,
    } as never,
  })
}

export const CUSTOMER_PASSWORD = 'correct horse battery'

/** A new customer of Demo ISP with a username and password (and whatever `overrides` add). */
export async function createDemoCustomer(overrides: Record<string, unknown> = {}) {
  const payload = await testPayload()
  const demo = await idOf('organizations', { slug: { equals: 'demo-isp' } })
  const username = unique('cust')
  const created = await payload.create({
    collection: 'users',
    data: {
      email: `${username}@example.test`,
      username,
      password: CUSTOMER_PASSWORD,
      name: 'Test Customer',
      status: 'ACTIVE',
      memberships: [{ organization: demo, role: 'customer' }],
      ...overrides,
    } as never,
  })
  return { id: String(created.id), username, password: CUSTOMER_PASSWORD }
}

/**
 * A new, empty organization (made by the system) with an org-admin signed in over REST: for
 * tests that need an organization of their own (ticket numbers from #1, an audit chain from 1).
 */
export async function createOrganizationWithAdmin(prefix = 'org') {
  const payload = await testPayload()
  const slug = unique(prefix)
  const organization = await payload.create({
    collection: 'organizations',
    data: { name: slug, slug, status: 'ACTIVE', timeZone: 'UTC', currency: 'USD', contact: { name: 'x', email: 'x@example.test', phone: '+1' } },
  })
  const email = `${unique(`${prefix}-admin`)}@example.test`
  const password = 'a-long-password-1'
  await payload.create({
    collection: 'users',
    data: { email, password, name: 'Organization Admin', status: 'ACTIVE', memberships: [{ organization: organization.id, role: 'org-admin' }] },
  })
  return { id: String(organization.id), admin: await userByEmail(email), client: await RestClient.signIn(email, password) }
}
