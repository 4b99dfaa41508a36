/** Gateway credentials are write-only: stored encrypted, never returned by any API. */
import { beforeAll, describe, expect, it } from 'vitest'

import { decryptSecret } from '@/lib/secrets'

import { loadWorld, type World } from '../helpers/fixtures'

let world: World

beforeAll(async () => {
  world = await loadWorld()
})

const API_KEY = 'sms-api-key-do-not-leak-7f3a'

async function storedRow(id: string) {
  const { payload } = world
  const { rows } = await payload.db.drizzle.execute(
    `SELECT settings_gateways_sms_api_key_encrypted AS stored FROM organizations WHERE id = '${id}'`,
  )
  return rows[0] as { stored: string | null }
}

describe('write-only gateway credentials', () => {
  it('an org-admin sets a key; it is stored encrypted and read back by nobody', async () => {
    const { payload, actors, organizations } = world
    const asAdmin = { user: actors.orgAdmin, overrideAccess: false } as const
    const updated = await payload.update({
      collection: 'organizations',
      id: organizations.demo,
      data: { settings: { gateways: { sms: { provider: 'africastalking', apiKey: API_KEY } } } } as never,
      ...asAdmin,
    })
    expect(JSON.stringify(updated)).not.toContain(API_KEY)

    const { stored } = await storedRow(organizations.demo)
    expect(stored).toMatch(/^v1:/)
    expect(stored).not.toContain(API_KEY)
    expect(decryptSecret(stored!)).toBe(API_KEY)

    for (const actor of ['super', 'orgAdmin', 'manager'] as const) {
      const doc = await payload.findByID({
        collection: 'organizations',
        id: organizations.demo,
        user: actors[actor],
        overrideAccess: false,
        depth: 0,
      })
      const text = JSON.stringify(doc)
      expect(text).not.toContain(API_KEY)
      expect(text).not.toContain(stored!)
    }
    // Even the system's own reads (no access control) leave it out.
    const system = await payload.findByID({ collection: 'organizations', id: organizations.demo, depth: 0 })
    expect(JSON.stringify(system)).not.toContain(stored!)
  })

  it('saving other fields keeps the key; sending a new one replaces it', async () => {
    const { payload, organizations } = world
    const before = (await storedRow(organizations.demo)).stored
    await payload.update({
      collection: 'organizations',
      id: organizations.demo,
      data: { settings: { gateways: { sms: { senderId: 'DEMOISP' } } } } as never,
    })
    expect((await storedRow(organizations.demo)).stored).toBe(before)

    await payload.update({
      collection: 'organizations',
      id: organizations.demo,
      data: { settings: { gateways: { sms: { apiKey: 'rotated-key-2' } } } } as never,
    })
    const after = (await storedRow(organizations.demo)).stored
    expect(after).not.toBe(before)
    expect(decryptSecret(after!)).toBe('rotated-key-2')
  })

  it("gateway settings are hidden from members who may not change the organization", async () => {
    const { payload, actors, organizations } = world
    const asManager = await payload.findByID({
      collection: 'organizations',
      id: organizations.demo,
      user: actors.manager,
      overrideAccess: false,
      depth: 0,
    })
    expect(asManager.settings).toBeUndefined()
    const asAdmin = await payload.findByID({
      collection: 'organizations',
      id: organizations.demo,
      user: actors.orgAdmin,
      overrideAccess: false,
      depth: 0,
    })
    expect(asAdmin.settings?.gateways?.sms?.senderId).toBe('DEMOISP')
  })
})

describe('account secrets', () => {
  it("password hashes and another user's sign-in sessions are never returned", async () => {
    const { payload, actors, users } = world
    await payload.login({ collection: 'users', data: { email: 'alice@demo-isp.test', password: 'beacon-alice-1' } })
    const asAdmin = await payload.findByID({
      collection: 'users',
      id: users.alice,
      user: actors.orgAdmin,
      overrideAccess: false,
      depth: 0,
    })
    expect(asAdmin).not.toHaveProperty('hash')
    expect(asAdmin).not.toHaveProperty('salt')
    // Payload keeps the field but shows another user's sessions as empty.
    expect(asAdmin.sessions ?? []).toEqual([])
    const asSelf = await payload.findByID({ collection: 'users', id: users.alice, user: actors.customer, overrideAccess: false })
    expect(asSelf.sessions?.length).toBeGreaterThan(0)
    expect(asSelf).not.toHaveProperty('hash')
  })
})
