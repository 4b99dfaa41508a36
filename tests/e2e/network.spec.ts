/**
 * The network plugin over HTTP and in the admin panel: router secrets never leave the server,
 * sessions are read-only, force-logout, and voucher batches with their sheet and CSV.
 */
import { expect, type APIRequestContext, type Page, test } from '@playwright/test'

import { DEMO, demoIds, signInOverRest, signInToAdmin } from './helpers'

test.describe.configure({ mode: 'serial' })

let ids: Awaited<ReturnType<typeof demoIds>>
let aliceActiveSession: string
let oneHourPlan: string

test.beforeAll(async ({ request }) => {
  ids = await demoIds(request)
  await signInOverRest(request, DEMO.super)
  const sessions = await (await request.get(`/api/sessions?where[user][equals]=${ids.alice}&where[status][equals]=active&depth=0`)).json()
  aliceActiveSession = sessions.docs[0].id
  const plans = await (await request.get('/api/plans?where[name][equals]=1%20Hour&depth=0')).json()
  oneHourPlan = plans.docs[0].id
  await request.post('/api/users/logout')
})

const SECRET = 'radius-secret-never-leak-5d1c'
const NEW_SECRET = 'replaced-secret-never-leak-9e2b'
const API_PASSWORD = 'api-password-never-leak-33f0'
// The secrets themselves, a stored column with a value, and the ciphertext format (v1:iv:tag:data).
const LEAKS = [SECRET, NEW_SECRET, API_PASSWORD, /"(secret|password)Encrypted":\s*"/, /"v1:/]

function expectNoSecrets(where: string, body: string) {
  for (const leak of LEAKS) {
    if (typeof leak === 'string') expect(body, `${where} must not contain ${leak}`).not.toContain(leak)
    else expect(body, `${where} must not match ${leak}`).not.toMatch(leak)
  }
}

test('no response anywhere contains a router secret or API password', async ({ request, page }) => {
  await signInOverRest(request, DEMO.orgAdmin)
  const bodies: [string, string][] = []
  const record = async (where: string, response: Awaited<ReturnType<APIRequestContext['get']>>) => {
    bodies.push([where, await response.text()])
    return response
  }

  const created = await record(
    'POST /api/routers',
    await request.post('/api/routers', {
      data: {
        organization: ids.demo,
        location: ids.downtown,
        name: 'Leak test router',
        ipAddress: `10.250.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`,
        secret: SECRET,
        api: { username: 'beacon', password: API_PASSWORD },
      },
    }),
  )
  expect(created.status()).toBe(201)
  const router = ((await created.json()) as { doc: { id: string } }).doc.id
  await record('PATCH /api/routers/:id', await request.patch(`/api/routers/${router}`, { data: { secret: NEW_SECRET, name: 'Leak test router 2' } }))
  for (const path of [
    `/api/routers/${router}`,
    `/api/routers/${router}?depth=2`,
    '/api/routers?depth=2&limit=100',
    `/api/routers?select[secretEncrypted]=true&select[api]=true`,
    '/api/sessions?depth=2&limit=100',
    '/api/vouchers?depth=2&limit=5',
    '/api/payload-jobs?depth=2',
  ]) {
    await record(`GET ${path}`, await request.get(path))
  }
  // The stored columns cannot be queried either, so no one can probe them value by value.
  for (const where of ['where[secretEncrypted][exists]=true', 'where[secretEncrypted][like]=v1:', 'where[api.passwordEncrypted][exists]=true']) {
    expect((await record(`GET ?${where}`, await request.get(`/api/routers?${where}`))).status(), where).toBe(400)
  }
  await record(
    'GraphQL Routers',
    await request.post('/api/graphql', {
      data: { query: '{ Routers(limit: 100) { docs { id name ipAddress secret api { username password host } } } }' },
    }),
  )
  await record(
    'GraphQL hidden field',
    await request.post('/api/graphql', { data: { query: '{ Routers { docs { secretEncrypted } } }' } }),
  )

  // The admin panel's edit view, as the browser receives it (HTML and server-component payload).
  await signInToAdmin(page, DEMO.orgAdmin)
  await expect(page).toHaveURL(/\/admin$/)
  const responses: Promise<void>[] = []
  page.on('response', (response) => {
    responses.push(response.text().then((text) => void bodies.push([`admin ${response.url()}`, text]), () => undefined))
  })
  await page.goto(`/admin/collections/routers/${router}`)
  await expect(page.locator('#field-name')).toHaveValue('Leak test router 2')
  await expect(page.locator('#field-secret')).toHaveValue('')
  await Promise.all(responses)

  expect(bodies.length).toBeGreaterThan(12)
  for (const [where, body] of bodies) expectNoSecrets(where, body)
})

test('sessions cannot be created, changed or deleted over REST or GraphQL, even by a super-admin', async ({ request }) => {
  await signInOverRest(request, DEMO.super)
  const before = await (await request.get(`/api/sessions/${aliceActiveSession}?depth=0`)).json()
  expect((await request.post('/api/sessions', { data: { ...before, id: undefined } })).status()).toBe(403)
  expect((await request.patch(`/api/sessions/${aliceActiveSession}`, { data: { status: 'expired' } })).status()).toBe(403)
  expect((await request.delete(`/api/sessions/${aliceActiveSession}`)).status()).toBe(403)
  const graphql = await (
    await request.post('/api/graphql', {
      data: { query: `mutation { updateSession(id: "${aliceActiveSession}", data: { status: expired }) { id status } }` },
    })
  ).json()
  expect(graphql.errors?.[0]?.message).toBeTruthy()
  const after = await (await request.get(`/api/sessions/${aliceActiveSession}?depth=0`)).json()
  expect(after.status).toBe('active')
})

test('force-logout is refused to those who may not, without changing the session', async ({ request }) => {
  const path = `/api/sessions/${aliceActiveSession}/force-logout`
  expect((await request.post(path)).status()).toBe(401)
  await signInOverRest(request, DEMO.otherAdmin)
  expect((await request.post(path)).status()).toBe(404)
  await signInOverRest(request, DEMO.agent)
  expect((await request.post(path)).status()).toBe(403)
  await signInOverRest(request, DEMO.customer)
  expect((await request.post(path)).status()).toBe(403)
  expect((await request.post('/api/sessions/not-an-id/force-logout')).status()).toBe(404)
  const session = await (await request.get(`/api/sessions/${aliceActiveSession}?depth=0`)).json()
  expect(session.status).toBe('active')
})

async function openSession(page: Page) {
  await page.goto(`/admin/collections/sessions/${aliceActiveSession}`)
  await expect(page.locator('#field-deviceMac')).toHaveValue('A4:5E:60:C1:22:01')
}

test("a branch manager ends a session with the admin panel's force-logout button", async ({ page, request }) => {
  await signInToAdmin(page, DEMO.manager)
  await expect(page).toHaveURL(/\/admin$/)
  await openSession(page)
  page.once('dialog', (dialog) => dialog.accept())
  await page.getByRole('button', { name: 'Force logout' }).click()
  await expect(page.locator('#force-logout-outcome')).toContainText('Session ended')
  await expect(page.getByRole('button', { name: 'Force logout' })).toHaveCount(0)

  await signInOverRest(request, DEMO.manager)
  const session = await (await request.get(`/api/sessions/${aliceActiveSession}?depth=0`)).json()
  expect(session).toMatchObject({ status: 'terminated', terminateCause: 'Admin-Reset' })
  // Repeating it changes nothing.
  const again = await request.post(`/api/sessions/${aliceActiveSession}/force-logout`)
  expect(again.status()).toBe(409)
  expect((await again.json()).errors[0].message).toMatch(/already ended/)
})

test('a branch manager generates a voucher batch, prints its sheet and exports its CSV', async ({ request, page }) => {
  await signInOverRest(request, DEMO.manager)
  expect((await request.post('/api/vouchers/generate', { data: { plan: oneHourPlan, count: 0, location: ids.downtown } })).status()).toBe(400)
  expect((await request.post('/api/vouchers/generate', { data: 'not json' })).status()).toBe(400)
  const response = await request.post('/api/vouchers/generate', { data: { plan: oneHourPlan, count: 30, location: ids.downtown } })
  expect(response.status()).toBe(201)
  const batch = await response.json()
  expect(batch).toMatchObject({ count: 30, location: ids.downtown })

  const csv = await request.get(batch.csvUrl)
  expect(csv.headers()['content-type']).toContain('text/csv')
  const lines = (await csv.text()).trim().split('\n')
  expect(lines[0]).toBe('code,plan,status,batch,location,price,valid_until,used_at')
  expect(lines).toHaveLength(31)
  expect(lines[1]).toContain('1 Hour')

  await signInToAdmin(page, DEMO.manager)
  await expect(page).toHaveURL(/\/admin$/)
  await page.goto(batch.sheetUrl)
  await expect(page.locator('.card')).toHaveCount(30)
  await expect(page.getByText('KES 20.00').first()).toBeVisible()
  const pdf = await page.pdf({ format: 'A4' })
  expect(pdf.byteLength).toBeGreaterThan(1_000)

  await signInOverRest(request, DEMO.otherAdmin)
  expect((await request.get(batch.sheetUrl)).status()).toBe(404)
  expect((await request.get(batch.csvUrl)).status()).toBe(404)
})
