/**
 * The super-admin working across all organizations sees whose each row is: every tenant-owned
 * list has an Organization column for them, and only for them.
 */
import type { Field } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { loadWorld, type World } from '../helpers/fixtures'
import { RestClient } from '../helpers/rest'

let world: World

beforeAll(async () => {
  world = await loadWorld()
})

/** Whether a collection's documents carry an organization (directly, or through memberships). */
function ownedByOrganizations(fields: Field[]): boolean {
  return fields.some((field) => {
    if (field.type === 'relationship' && field.relationTo === 'organizations') return true
    // Rows and collapsibles only lay fields out; a user's memberships name their organizations.
    const nested = field.type === 'row' || field.type === 'collapsible' || (field.type === 'array' && field.name === 'memberships')
    return nested && ownedByOrganizations(field.fields)
  })
}

describe('the Organization column', () => {
  it('is in every tenant-owned list the admin panel shows', () => {
    const listed = world.payload.config.collections.filter(
      (collection) => !collection.admin?.hidden && collection.slug !== 'organizations' && ownedByOrganizations(collection.fields),
    )
    expect(listed.map((collection) => collection.slug).sort()).toEqual(
      [
        'archived-sessions',
        'audit-logs',
        'context-changes',
        'locations',
        'plans',
        'routers',
        'session-logs',
        'sessions',
        'ticket-comments',
        'tickets',
        'time-sessions',
        'users',
        'vouchers',
      ].sort(),
    )
    for (const collection of listed) {
      const columns = collection.admin.defaultColumns ?? []
      expect(columns.includes('organizationName') || columns.includes('organization'), collection.slug).toBe(true)
    }
  })

  it('names the organization for the super-admin working across all, and is absent for everyone else', async () => {
    const platformOwner = await RestClient.signIn('super@beacon.test', 'beacon-super-1')
    // The two seeded routers, Downtown's (Demo ISP) and Main Street's (Other ISP).
    const routers = await platformOwner.get('/api/routers?depth=0&where[ipAddress][in]=127.0.0.1,127.0.0.2')
    const names = new Set((routers.body.docs as { organizationName?: string }[]).map((router) => router.organizationName))
    expect(names).toEqual(new Set(['Demo ISP', 'Other ISP']))
    const users = await platformOwner.get('/api/users?depth=0&where[email][equals]=alice@demo-isp.test')
    expect(users.body.docs[0].organizationName).toBe('Demo ISP')

    const orgAdmin = await RestClient.signIn('admin@demo-isp.test', 'beacon-admin-1')
    const own = await orgAdmin.get('/api/routers?depth=0&limit=5')
    expect(own.body.docs.length).toBeGreaterThan(0)
    expect(own.body.docs.every((router: Record<string, unknown>) => !('organizationName' in router))).toBe(true)

    expect((await platformOwner.post('/api/users/switch-organization', { organization: world.organizations.demo })).status).toBe(200)
    const inOne = await platformOwner.get('/api/routers?depth=0&limit=5')
    expect(inOne.body.docs.every((router: Record<string, unknown>) => !('organizationName' in router))).toBe(true)
    await platformOwner.post('/api/users/switch-organization', { organization: null })
  })
})
