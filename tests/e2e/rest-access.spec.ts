/** A sample of the access matrix over HTTP: REST and GraphQL as the built app serves them. */
import { expect, test } from '@playwright/test'

import { DEMO, demoIds, signInOverRest } from './helpers'

let ids: Awaited<ReturnType<typeof demoIds>>

test.beforeAll(async ({ request }) => {
  ids = await demoIds(request)
})

test('anonymous requests see nothing', async ({ request }) => {
  expect((await request.get('/api/organizations')).status()).toBe(403)
  expect((await request.get('/api/users')).status()).toBe(403)
  expect((await request.get(`/api/locations/${ids.downtown}`)).status()).toBe(403)
})

test('a branch manager lists and reads only their branch', async ({ request }) => {
  await signInOverRest(request, DEMO.manager)
  const list = await (await request.get('/api/locations?depth=0')).json()
  expect(list.docs.map((doc: { name: string }) => doc.name)).toEqual(['Downtown'])
  expect((await request.get(`/api/locations/${ids.airport}`)).status()).toBe(404)
  // Payload answers a write outside the rows one may touch with 403, as for an id that does not exist.
  expect((await request.patch(`/api/locations/${ids.airport}`, { data: { address: 'x' } })).status()).toBe(403)
  expect((await request.patch(`/api/organizations/${ids.demo}`, { data: { name: 'Taken' } })).status()).toBe(403)
})

test("another tenant's records cannot be read or changed, and look like ids that do not exist", async ({ request }) => {
  await signInOverRest(request, DEMO.otherAdmin)
  const missing = '00000000-0000-4000-8000-000000000000'
  expect((await request.get(`/api/users/${ids.alice}`)).status()).toBe(404)
  expect((await request.get(`/api/users/${missing}`)).status()).toBe(404)
  const foreignPatch = await request.patch(`/api/users/${ids.alice}`, { data: { name: 'Mallory' } })
  const missingPatch = await request.patch(`/api/users/${missing}`, { data: { name: 'Mallory' } })
  expect(foreignPatch.status()).toBe(403)
  expect(missingPatch.status()).toBe(foreignPatch.status())
  expect((await request.delete(`/api/locations/${ids.downtown}`)).status()).toBe(403)
  await signInOverRest(request, DEMO.super)
  const alice = await (await request.get(`/api/users/${ids.alice}?depth=0`)).json()
  expect(alice.name).not.toBe('Mallory')
  const downtown = await request.get(`/api/locations/${ids.downtown}`)
  expect(downtown.status()).toBe(200)
})

test('privilege escalation over REST is refused with a reason', async ({ request }) => {
  await signInOverRest(request, DEMO.orgAdmin)
  const superAdmin = await request.patch(`/api/users/${ids.tech1}`, { data: { isSuperAdmin: true } })
  expect(superAdmin.status()).toBe(403)
  expect((await superAdmin.json()).errors[0].message).toMatch(/super-admin/)

  const foreign = await request.post('/api/users', {
    data: {
      email: 'sneaky@example.test',
      password: 'a-long-password-1',
      name: 'Sneaky',
      memberships: [{ organization: ids.other, role: 'org-admin' }],
    },
  })
  expect(foreign.status()).toBe(403)
})

test('a suspended account is told so at sign-in', async ({ request }) => {
  const email = `suspended-${Date.now()}@demo-isp.test`
  await signInOverRest(request, DEMO.orgAdmin)
  const created = await request.post('/api/users', {
    data: {
      email,
      password: 'a-long-password-1',
      name: 'Suspended Agent',
      status: 'SUSPENDED',
      memberships: [{ organization: ids.demo, role: 'agent' }],
    },
  })
  expect(created.status()).toBe(201)
  await request.post('/api/users/logout')
  const login = await request.post('/api/users/login', {
    data: { email, password: 'a-long-password-1' },
  })
  expect(login.status()).toBe(403)
  expect((await login.json()).errors[0].message).toMatch(/suspended/i)
})

test('GraphQL applies the same rules', async ({ request }) => {
  await signInOverRest(request, DEMO.orgAdmin)
  const sender = await request.patch(`/api/organizations/${ids.demo}`, {
    data: { settings: { gateways: { sms: { senderId: 'DEMOISP' } } } },
  })
  expect(sender.status()).toBe(200)
  await signInOverRest(request, DEMO.manager)
  const response = await request.post('/api/graphql', {
    data: { query: '{ Locations { docs { name } } Organizations { docs { name settings { gateways { sms { senderId } } } } } }' },
  })
  const body = await response.json()
  expect(body.data.Locations.docs.map((doc: { name: string }) => doc.name)).toEqual(['Downtown'])
  // The manager sees the organization but not its gateway settings.
  expect(body.data.Organizations.docs.map((doc: { name: string }) => doc.name)).toEqual(['Demo ISP'])
  expect(JSON.stringify(body.data.Organizations.docs)).not.toContain('DEMOISP')
})

test('gateway credentials are never returned', async ({ request }) => {
  await signInOverRest(request, DEMO.orgAdmin)
  const secret = 'mpesa-consumer-secret-e2e'
  const saved = await request.patch(`/api/organizations/${ids.demo}`, {
    data: { settings: { gateways: { mpesa: { shortCode: '174379', consumerKey: `${secret}-key`, consumerSecret: secret } } } },
  })
  expect(saved.status()).toBe(200)
  for (const path of [`/api/organizations/${ids.demo}`, '/api/organizations', `/api/organizations/${ids.demo}?depth=2`]) {
    const text = await (await request.get(path)).text()
    expect(text).toContain('174379')
    expect(text).not.toContain(secret)
    expect(text).not.toContain('consumerSecretEncrypted')
  }
})

test("password hashes and other people's sign-in sessions are never returned", async ({ request }) => {
  await signInOverRest(request, DEMO.customer)
  const own = await (await request.get(`/api/users/${ids.alice}`)).json()
  expect(own.sessions.length).toBeGreaterThan(0)

  await signInOverRest(request, DEMO.orgAdmin)
  for (const path of [`/api/users/${ids.alice}`, `/api/users/${ids.alice}?showHiddenFields=true`]) {
    const text = await (await request.get(path)).text()
    expect(text).toContain('alice@demo-isp.test')
    for (const secret of ['"hash"', '"salt"', 'resetPasswordToken', ...own.sessions.map((s: { id: string }) => s.id)]) {
      expect(text).not.toContain(secret)
    }
  }
})
