/** The admin panel's lists as each person sees them. */
import { expect, test } from '@playwright/test'

import { DEMO, signInToAdmin } from './helpers'

const TENANT_LISTS = ['locations', 'users', 'routers', 'plans', 'vouchers', 'sessions', 'tickets', 'time-sessions', 'audit-logs', 'session-logs']

test('the super-admin across all organizations sees whose each row is; an org-admin sees no such column', async ({ page }) => {
  await signInToAdmin(page, DEMO.super)
  await expect(page).toHaveURL(/\/admin$/)
  // A list shows its columns once it has a row: the audit log gets one whatever ran before.
  const { docs } = await (await page.request.get('/api/locations?where[name][equals]=Downtown&depth=0')).json()
  const downtown = docs[0]
  for (const address of [`${downtown.address ?? ''} (checked)`, downtown.address ?? '']) {
    expect((await page.request.patch(`/api/locations/${downtown.id}`, { data: { address } })).status()).toBe(200)
  }
  for (const list of TENANT_LISTS) {
    await page.goto(`/admin/collections/${list}`)
    await expect(page.locator('.table thead'), list).toContainText(/Organizations?/)
  }
  await page.goto('/admin/collections/routers')
  const organizations = page.locator('.table tbody td.cell-organizationName')
  await expect(organizations.filter({ hasText: 'Other ISP' }).first()).toBeVisible()
  await expect(organizations.filter({ hasText: 'Demo ISP' }).first()).toBeVisible()

  await page.goto('/admin/logout')
  await signInToAdmin(page, DEMO.orgAdmin)
  await expect(page).toHaveURL(/\/admin$/)
  await page.goto('/admin/collections/routers')
  await expect(page.locator('.table tbody tr').first()).toBeVisible()
  await expect(page.locator('.table thead')).not.toContainText('Organization')
})

test('a list whose first column is a date opens each row from it, and says the zone of a time outside the organization’s', async ({ page }) => {
  await signInToAdmin(page, DEMO.orgAdmin)
  await expect(page).toHaveURL(/\/admin$/)
  for (const list of ['session-logs', 'context-changes']) {
    await page.goto(`/admin/collections/${list}`)
    const first = page.locator('.table tbody tr').first().locator('td').nth(1).getByRole('link')
    await expect(first, list).toHaveText(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/)
    await expect(first, list).toHaveAttribute('title', 'East Africa Time (Africa/Nairobi)')
    const href = (await first.getAttribute('href'))!
    expect(href).toMatch(new RegExp(`^/admin/collections/${list}/[0-9a-f-]{36}$`))
    await first.click()
    await expect(page).toHaveURL(href)
  }

  // The super-admin across all organizations reads each row's zone beside its time.
  await page.goto('/admin/logout')
  await signInToAdmin(page, DEMO.super)
  await expect(page).toHaveURL(/\/admin$/)
  await page.goto('/admin/collections/session-logs')
  await expect(page.locator('.table tbody tr', { hasText: 'Demo ISP' }).first().getByRole('link').first()).toHaveText(/\d{2}:\d{2} GMT\+3$/)
})
