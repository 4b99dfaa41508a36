/** The audit log in the built app: a change made in the admin panel shows up, and the chain verifies. */
import { expect, test } from '@playwright/test'

import { DEMO, demoIds, signInOverRest, signInToAdmin } from './helpers'

let ids: Awaited<ReturnType<typeof demoIds>>

test.beforeAll(async ({ request }) => {
  ids = await demoIds(request)
})

test('a change in the admin panel is in the audit log, read-only, and the chain is intact', async ({ page, request }) => {
  await signInToAdmin(page, DEMO.orgAdmin)
  await expect(page.getByRole('link', { name: 'Branches' }).first()).toBeVisible()
  await page.goto(`/admin/collections/locations/${ids.downtown}`)
  const address = `Audited street ${Date.now() % 10_000}`
  await page.locator('#field-address').fill(address)
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText(/updated successfully/i)).toBeVisible()

  await page.goto('/admin/collections/audit-logs')
  await expect(page.locator('table').getByText('Branch updated').first()).toBeVisible()
  await expect(page.getByRole('link', { name: /create new/i })).toHaveCount(0)

  await signInOverRest(request, DEMO.orgAdmin)
  const rows = await (await request.get(`/api/audit-logs?where[targetId][equals]=${ids.downtown}&sort=-createdAt&depth=0`)).json()
  expect(rows.docs[0]).toMatchObject({ action: 'BRANCH_UPDATE', organization: ids.demo, changes: { address: { to: address } } })
  const verify = await (await request.get('/api/audit-logs/verify')).json()
  expect(verify).toMatchObject({ organization: ids.demo, intact: true })
  expect((await request.delete(`/api/audit-logs/${rows.docs[0].id}`)).status()).toBe(403)
})

test('branch managers and agents do not read the audit log', async ({ request }) => {
  await signInOverRest(request, DEMO.manager)
  expect((await request.get('/api/audit-logs')).status()).toBe(403)
  expect((await request.get('/api/audit-logs/verify')).status()).toBe(403)
})
