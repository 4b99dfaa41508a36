/**
 * Login sessions and the tenant context in the built app, through Beacon's own web server:
 * the address it records is the socket's, whatever headers a client sends; the account page
 * lists where one is signed in and ends a session; the organization switcher moves the session
 * and the lists follow.
 */
import { expect, request as playwrightRequest, test } from '@playwright/test'

import { DEMO, demoIds, signInOverRest, signInToAdmin } from './helpers'

let ids: Awaited<ReturnType<typeof demoIds>>

test.beforeAll(async ({ request }) => {
  ids = await demoIds(request)
})

test('the address recorded is the socket’s: headers a client sends cannot forge it', async ({ baseURL }) => {
  const client = await playwrightRequest.newContext({
    baseURL,
    extraHTTPHeaders: { 'x-beacon-client-ip': '6.6.6.6', 'x-forwarded-for': '7.7.7.7', 'user-agent': 'BeaconTest/1.0 (X11; Linux x86_64)' },
  })
  await signInOverRest(client, DEMO.agent)
  const me = (await (await client.get('/api/users/me')).json()).user
  const logs = await (await client.get(`/api/session-logs?where[user][equals]=${me.id}&sort=-loginAt&limit=1&depth=0`)).json()
  expect(logs.docs[0]).toMatchObject({ current: true, userAgent: 'BeaconTest/1.0 (X11; Linux x86_64)' })
  // Loopback, IPv4 or IPv6 as `localhost` resolves: not what the headers claimed.
  expect(logs.docs[0].ipAddress).toMatch(/^(127\.0\.0\.1|::1)$/)
  await client.dispose()
})

test('the account page shows where one is signed in and ends another session at once', async ({ page, baseURL }) => {
  const phone = await playwrightRequest.newContext({
    baseURL,
    extraHTTPHeaders: {
      'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
    },
  })
  await signInOverRest(phone, DEMO.manager)
  const manager = (await (await phone.get('/api/users/me')).json()).user
  expect(manager.email).toBe(DEMO.manager.email)
  const phoneSessions = await (await phone.get(`/api/session-logs?where[user][equals]=${manager.id}&where[logoutAt][exists]=false&limit=100&depth=0`)).json()
  const phoneSession = phoneSessions.docs.find((log: { current: boolean }) => log.current)
  expect(phoneSession.deviceInfo).toBe('Mobile Safari 17 on iOS 17.1 · Apple iPhone (mobile)')

  await signInToAdmin(page, DEMO.manager)
  await expect(page.getByRole('link', { name: 'Branches' }).first()).toBeVisible()
  await page.goto('/admin/account')
  const section = page.locator('section[aria-labelledby="signed-in-heading"]')
  await expect(section.getByRole('heading', { name: "Where you're signed in" })).toBeVisible()
  const thisBrowser = section.locator('tr', { hasText: 'this device' })
  await expect(thisBrowser).toContainText(/Chrome (Headless )?\d+ on Linux \(desktop\)/)
  // The browser reaches the server over loopback (IPv4 or IPv6, as `localhost` resolves).
  await expect(thisBrowser).toContainText(/127\.0\.0\.1|::1/)
  const phoneRow = section.locator(`tr[data-session="${phoneSession.id}"]`)
  await expect(phoneRow).toContainText('Mobile Safari 17 on iOS 17.1 · Apple iPhone (mobile)')

  await phoneRow.getByRole('button', { name: 'Sign out' }).click()
  await expect(section.getByRole('status')).toContainText('Signed out: Mobile Safari 17 on iOS 17.1')
  await expect(phoneRow).toHaveCount(0)
  // The phone's token stopped working at once.
  expect((await (await phone.get('/api/users/me')).json()).user).toBeNull()
  expect((await phone.get('/api/locations')).status()).toBe(403)
  await phone.dispose()
})

test('the organization switcher moves the login session; lists follow and the switch is logged', async ({ page }) => {
  await signInToAdmin(page, DEMO.super)
  await expect(page.getByRole('link', { name: 'Branches' }).first()).toBeVisible()
  const switcher = page.getByRole('combobox', { name: 'Organization', exact: true })
  await expect(switcher).toBeVisible()

  await switcher.selectOption({ label: 'Other ISP' })
  await expect(switcher).toHaveValue(ids.other)
  await page.goto('/admin/collections/locations')
  await expect(page.locator('table').getByText('Main Street')).toBeVisible()
  await expect(page.locator('table').getByText('Downtown')).toHaveCount(0)

  // The choice lives with the login session on the server, not in the browser.
  const context = await page.evaluate(async () => (await fetch('/api/users/context')).json())
  expect(context.activeOrganization).toBe(ids.other)
  const changes = await page.evaluate(async () => {
    const me = (await (await fetch('/api/users/me')).json()).user
    return (await fetch(`/api/context-changes?where[user][equals]=${me.id}&sort=-createdAt&limit=1&depth=0`)).json()
  })
  expect(changes.docs[0]).toMatchObject({ eventType: 'SWITCH_TENANT', organization: ids.other })

  await page.getByRole('combobox', { name: 'Organization', exact: true }).selectOption({ label: 'All organizations' })
  await expect(page.getByRole('combobox', { name: 'Organization', exact: true })).toHaveValue('')
  await page.goto('/admin/collections/locations')
  await expect(page.locator('table').getByText('Downtown')).toBeVisible()
})

test('session logs and context changes are read-only in the admin panel', async ({ page }) => {
  await signInToAdmin(page, DEMO.orgAdmin)
  await expect(page.getByRole('link', { name: 'Branches' }).first()).toBeVisible()
  await page.goto('/admin/collections/session-logs')
  await expect(page.locator('table').getByText('Dee Admin').first()).toBeVisible()
  await expect(page.getByRole('link', { name: /create new/i })).toHaveCount(0)
  await page.goto('/admin/collections/context-changes')
  await expect(page.locator('table').getByText('Signed in').first()).toBeVisible()
  await expect(page.getByRole('link', { name: /create new/i })).toHaveCount(0)
})
