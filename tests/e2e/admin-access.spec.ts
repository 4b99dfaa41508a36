/** What each role sees in /admin, and what it cannot open. */
import { expect, test } from '@playwright/test'

import { DEMO, demoIds, signInToAdmin } from './helpers'

let ids: Awaited<ReturnType<typeof demoIds>>

test.beforeAll(async ({ request }) => {
  ids = await demoIds(request)
})

test.describe('org-admin of Demo ISP', () => {
  test.beforeEach(async ({ page }) => {
    await signInToAdmin(page, DEMO.orgAdmin)
    await expect(page.getByRole('link', { name: 'Branches' }).first()).toBeVisible()
  })

  test("sees both of Demo ISP's branches and nothing of Other ISP", async ({ page }) => {
    await page.goto('/admin/collections/locations')
    const table = page.locator('table')
    await expect(table.getByText('Downtown')).toBeVisible()
    await expect(table.getByText('Airport')).toBeVisible()
    await expect(table.getByText('Main Street')).toHaveCount(0)
  })

  test("cannot open Other ISP's branch by its address", async ({ page }) => {
    await page.goto(`/admin/collections/locations/${ids.mainStreet}`)
    await expect(page.getByText(/could not be found/i).first()).toBeVisible()
    await expect(page.locator('#field-name')).toHaveCount(0)
  })

  test('can edit a branch and sees the change saved', async ({ page }) => {
    await page.goto(`/admin/collections/locations/${ids.airport}`)
    const newAddress = `Terminal 2, gate ${Date.now() % 1000}`
    await page.locator('#field-address').fill(newAddress)
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByText(/updated successfully/i)).toBeVisible()
    await page.reload()
    await expect(page.locator('#field-address')).toHaveValue(newAddress)
  })

  test('can change their own phone number on the account page', async ({ page }) => {
    const phone = `+2547${Date.now() % 100_000_000}`
    await page.goto('/admin/account')
    await page.locator('#field-phone').fill(phone)
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByText(/updated successfully/i)).toBeVisible()
    await page.reload()
    await expect(page.locator('#field-phone')).toHaveValue(phone)
  })

  test('cannot create organizations', async ({ page }) => {
    await page.goto('/admin/collections/organizations')
    await expect(page.locator('table').getByText('Demo ISP')).toBeVisible()
    await expect(page.locator('table').getByText('Other ISP')).toHaveCount(0)
    await expect(page.getByRole('link', { name: /create new/i })).toHaveCount(0)
  })
})

test.describe('branch manager of Downtown', () => {
  test.beforeEach(async ({ page }) => {
    await signInToAdmin(page, DEMO.manager)
    await expect(page.getByRole('link', { name: 'Branches' }).first()).toBeVisible()
  })

  test('sees only Downtown among the branches', async ({ page }) => {
    await page.goto('/admin/collections/locations')
    await expect(page.locator('table').getByText('Downtown')).toBeVisible()
    await expect(page.locator('table').getByText('Airport')).toHaveCount(0)
  })

  test('cannot open the Airport branch by its address', async ({ page }) => {
    await page.goto(`/admin/collections/locations/${ids.airport}`)
    await expect(page.getByText(/could not be found/i).first()).toBeVisible()
  })

  test("sees Downtown's customer but not staff outside the branch", async ({ page }) => {
    await page.goto('/admin/collections/users')
    const table = page.locator('table')
    await expect(table.getByText('Alice Customer')).toBeVisible()
    await expect(table.getByText('John Tech')).toHaveCount(0)
    await page.goto(`/admin/collections/users/${ids.tech1}`)
    await expect(page.getByText(/could not be found/i).first()).toBeVisible()
  })
})

test('the front door leads to the admin sign-in', async ({ page }) => {
  await page.goto('/')
  await expect(page).toHaveURL(/\/admin\/login/)
  await expect(page.locator('#field-email')).toBeVisible()
})

test('a customer is sent away from the admin panel', async ({ page }) => {
  await signInToAdmin(page, DEMO.customer)
  await expect(page.getByText(/unauthorized|not allowed|do not have access/i).first()).toBeVisible()
  await expect(page.getByRole('link', { name: 'Branches' })).toHaveCount(0)
})

test('a wrong password is refused without saying which part was wrong', async ({ page }) => {
  await signInToAdmin(page, { email: DEMO.orgAdmin.email, password: 'not-the-password' })
  await expect(page.getByText('The email or password provided is incorrect.')).toBeVisible()
})
