/**
 * The admin panel as people read it: words and units instead of codes, API paths and byte
 * counts; dates in the organization's zone and format; a ticket's conversation and time on its
 * page and its WiFi session picked from a list; the audit log readable with no CDN in reach; and
 * Beacon's icon on every app.
 */
import { expect, test } from '@playwright/test'

import { DEMO, demoIds, signInOverRest, signInToAdmin } from './helpers'

let ids: Awaited<ReturnType<typeof demoIds>>

test.beforeAll(async ({ request }) => {
  ids = await demoIds(request)
})

const DAY_FIRST = /\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/

test('texts name no API paths, and lists and forms say values in words, units and the organization’s dates', async ({ page, request }) => {
  await signInToAdmin(page, DEMO.orgAdmin)
  await expect(page.getByRole('link', { name: 'Branches' }).first()).toBeVisible()
  for (const collection of ['tickets', 'time-sessions', 'audit-logs', 'session-logs', 'sessions', 'plans']) {
    await page.goto(`/admin/collections/${collection}`)
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    await expect(page.locator('body')).not.toContainText('/api/')
  }

  // Alice's seeded WiFi sessions: her Day Pass used 1,240 MB, and ran out of time.
  await page.goto('/admin/collections/sessions')
  const sessions = page.locator('table')
  await expect(sessions).toContainText('1.2 GB')
  await expect(sessions).toContainText('Expired')
  await expect(sessions).toContainText(DAY_FIRST)
  await signInOverRest(request, DEMO.orgAdmin)
  const [dayPass] = (await (await request.get(`/api/sessions?where[user][equals]=${ids.alice}&where[status][equals]=expired&depth=0&limit=1`)).json()).docs
  await page.goto(`/admin/collections/sessions/${dayPass.id}`)
  await expect(page.locator('#field-terminateCause')).toContainText('Time ran out')
  await expect(page.locator('[data-in-words="usage.outputOctets"]')).toHaveText('1.0 GB')
  const started = page.locator('#field-startedAt')
  await expect(started).toHaveAttribute('data-zone', 'Africa/Nairobi')
  await expect(started.locator('input')).toHaveValue(DAY_FIRST)
  await expect(started).toContainText('Time in East Africa Time (Africa/Nairobi)')

  // Lengths of time: plans' validity, time booked.
  await page.goto('/admin/collections/plans')
  await expect(page.locator('table tr', { hasText: 'Day Pass' })).toContainText('1 day')
  await page.goto('/admin/collections/time-sessions')
  await expect(page.locator('table tr', { hasText: 'Fixed Azure AD sync issue' })).toContainText('2 h')

  // Enum values in words, in a select's options and in list cells.
  await page.goto('/admin/collections/tickets')
  await expect(page.locator('table tr', { hasText: 'Email not working' })).toContainText('In progress')
  await page.goto('/admin/collections/context-changes')
  await expect(page.locator('table').getByText('Signed in').first()).toBeVisible()
  await expect(page.locator('table')).not.toContainText('INITIAL')
  await expect(page.locator('table thead')).toContainText('What happened')
  await page.goto('/admin/collections/session-logs')
  await expect(page.locator('table thead')).toContainText('Signed in at')
  await expect(page.locator('table thead')).not.toContainText('Login At')
})

test('the audit log, plans, permissions and checkboxes read as words, prices in the organization’s currency', async ({ page, request }) => {
  await signInOverRest(request, DEMO.orgAdmin)
  expect((await request.patch(`/api/locations/${ids.airport}`, { data: { address: `Words street ${Date.now() % 10_000}` } })).status()).toBe(200)

  await signInToAdmin(page, DEMO.orgAdmin)
  await expect(page.getByRole('link', { name: 'Branches' }).first()).toBeVisible()
  await page.goto('/admin/collections/audit-logs')
  const entry = page.locator('.table tbody tr', { hasText: ids.airport })
  await expect(entry.first()).toContainText('Branch updated')
  await expect(entry.first().locator('td.cell-targetType')).toHaveText('Branch')
  await expect(page.locator('.table')).not.toContainText('BRANCH_UPDATE')
  // The entry opens from its date, and names its action and a choice's change in words too.
  const [ticket] = (await (await request.get('/api/tickets?where[number][equals]=3&depth=0')).json()).docs
  const priority = ticket.priority === 'high' ? 'low' : 'high'
  expect((await request.patch(`/api/tickets/${ticket.id}`, { data: { priority } })).status()).toBe(200)
  await page.reload()
  await page.locator('.table tbody tr', { hasText: ticket.id }).first().locator('td.cell-createdAt a').click()
  await expect(page.locator('[data-in-words="action"]')).toHaveText('Ticket updated')
  const change = page.getByRole('table', { name: 'Changes' }).locator('tr[data-field="priority"]')
  await expect(change).toContainText(priority === 'high' ? 'High' : 'Low')
  await expect(change).not.toContainText(priority)

  await page.goto('/admin/collections/plans')
  await expect(page.locator('.table thead')).toContainText('Validity')
  await expect(page.locator('.table thead')).not.toContainText('(minutes)')
  const dayPass = page.locator('.table tbody tr', { hasText: 'Day Pass' })
  await expect(dayPass).toContainText('KES 100.00')
  await expect(dayPass.locator('td.cell-active')).toHaveText('Yes')
  await page.goto('/admin/collections/locations')
  await expect(page.locator('.table tbody tr', { hasText: 'Downtown' }).locator('td.cell-active')).toHaveText('Yes')

  // A user's permission overrides are offered by what they allow.
  await page.goto(`/admin/collections/users/${ids.tech1}`)
  await page.locator('.collapsible__toggle-wrap', { hasText: 'Permission overrides' }).getByRole('button', { name: 'Toggle block' }).click()
  await page.locator('#field-addedPermissions .rs__control').click()
  await expect(page.locator('.rs__option', { hasText: 'Work on tickets' })).toBeVisible()
  await expect(page.locator('.rs__option', { hasText: 'tickets.update' })).toHaveCount(0)
})

test('an agent opens a ticket without asking for WiFi sessions they may not read', async ({ page, request }) => {
  await signInOverRest(request, DEMO.orgAdmin)
  const [ticket] = (await (await request.get('/api/tickets?where[number][equals]=1&depth=0')).json()).docs
  const refused: string[] = []
  page.on('response', (response) => {
    if (response.status() >= 400) refused.push(`${response.status()} ${response.url()}`)
  })
  await signInToAdmin(page, { email: 'tech1@demo-isp.test', password: 'beacon-tech-1' })
  await expect(page.getByRole('link', { name: 'Tickets' }).first()).toBeVisible()
  await page.goto(`/admin/collections/tickets/${ticket.id}`)
  await expect(page.locator('#field-title')).toHaveValue(ticket.title)
  await expect(page.getByRole('heading', { name: /^Time booked · / })).toBeVisible()
  await expect(page.locator('#field-wifiSession')).toHaveCount(0)
  await page.goto('/admin/collections/tickets/create')
  await expect(page.locator('#field-title')).toBeVisible()
  await expect(page.locator('#field-wifiSession')).toHaveCount(0)
  expect(refused).toEqual([])
})

test("a ticket's page shows its conversation and the time booked, and its WiFi session is picked from a list", async ({ page, request }) => {
  await signInOverRest(request, DEMO.orgAdmin)
  const [ticket] = (await (await request.get('/api/tickets?where[number][equals]=1&depth=0')).json()).docs
  const reply = `We are on it (${Date.now()}).`
  expect((await request.post('/api/ticket-comments', { data: { ticket: ticket.id, body: reply } })).status()).toBe(201)

  await signInToAdmin(page, DEMO.orgAdmin)
  await expect(page.getByRole('link', { name: 'Branches' }).first()).toBeVisible()
  await page.goto(`/admin/collections/tickets/${ticket.id}`)
  await expect(page.getByRole('list', { name: 'Conversation' })).toContainText(reply)
  await expect(page.getByRole('list', { name: 'Conversation' })).toContainText('Dee Admin')
  await expect(page.getByRole('heading', { name: /^Time booked · / })).toHaveText('Time booked · 2 h')
  const booked = page.getByRole('table', { name: 'Time booked' })
  await expect(booked).toContainText('John Tech')
  await expect(booked).toContainText(DAY_FIRST)

  // Alice asked for help: her sessions are the choices, described in words.
  const picker = page.locator('select#field-wifiSession')
  const dayPass = picker.locator('option', { hasText: 'Day Pass' }).first()
  await expect(dayPass).toContainText('A4:5E:60:C1:22:01')
  await expect(dayPass).toContainText(/started \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/)
  const chosen = (await dayPass.getAttribute('value'))!
  await picker.selectOption(chosen)
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText(/updated successfully/i)).toBeVisible()
  expect((await (await request.get(`/api/tickets/${ticket.id}?depth=0`)).json()).wifiSession).toBe(chosen)
  await page.reload()
  await expect(page.locator('select#field-wifiSession')).toHaveValue(chosen)
})

test("the audit log's changes and a context change's details show with no CDN in reach", async ({ page, request }) => {
  // As on an ISP network that cannot reach cdn.jsdelivr.net (where Payload's editor loads Monaco from by default).
  const cdn: string[] = []
  await page.context().route('**/cdn.jsdelivr.net/**', (route) => {
    cdn.push(route.request().url())
    return route.abort()
  })
  await signInOverRest(request, DEMO.orgAdmin)
  const address = `Offline street ${Date.now() % 10_000}`
  expect((await request.patch(`/api/locations/${ids.airport}`, { data: { address } })).status()).toBe(200)
  const [entry] = (await (await request.get(`/api/audit-logs?where[targetId][equals]=${ids.airport}&sort=-createdAt&limit=1&depth=0`)).json()).docs

  await signInToAdmin(page, DEMO.orgAdmin)
  await expect(page.getByRole('link', { name: 'Branches' }).first()).toBeVisible()
  await page.goto(`/admin/collections/audit-logs/${entry.id}`)
  const changes = page.getByRole('table', { name: 'Changes' })
  await expect(changes.locator('tr[data-field="address"]')).toContainText('Address')
  await expect(changes.locator('tr[data-field="address"]')).toContainText(address)

  // A context change's details, read as a list too.
  const [change] = (await (await request.get('/api/context-changes?sort=-createdAt&limit=1&depth=0')).json()).docs
  await page.goto(`/admin/collections/context-changes/${change.id}`)
  await expect(page.locator('dl[aria-label="Details"]')).toContainText('Reason')
  await expect(page.locator('dl[aria-label="Details"] dd[data-key="reason"]')).not.toBeEmpty()
  expect(cdn).toEqual([])
})

test("Beacon's icon is the admin panel's, the dashboard's and the portal's", async ({ page }) => {
  for (const address of ['/admin/login', '/dashboard/login', `/portal/demo-isp/${ids.downtown}`]) {
    await page.goto(address)
    const icons = await page.locator('link[rel="icon"]').evaluateAll((links) => links.map((link) => (link as HTMLLinkElement).href))
    expect(icons.length, `icons of ${address}`).toBeGreaterThan(0)
    for (const href of icons) {
      const icon = await page.request.get(href)
      expect(icon.status(), href).toBe(200)
      expect(icon.headers()['content-type'], href).toContain('image/svg+xml')
      expect(await icon.text(), href).toContain('<title>Beacon</title>')
    }
  }
})

test("a date picked in the admin panel is the organization's wall-clock time, whatever the browser's zone", async ({ browser, baseURL, request }) => {
  // A browser in New York (UTC−5); Demo ISP works in Nairobi (UTC+3).
  // Tall enough that the whole form is on screen: Payload renders a form's fields only once they
  // are in the viewport.
  const context = await browser.newContext({ timezoneId: 'America/New_York', baseURL, viewport: { width: 1280, height: 2400 } })
  const page = await context.newPage()
  await signInOverRest(request, DEMO.orgAdmin)
  const customer = await request.post('/api/users', {
    data: { email: `paid-until-${Date.now()}@example.test`, password: 'customer-secret-1', name: 'Pat Paid', status: 'ACTIVE', memberships: [{ organization: ids.demo, role: 'customer' }] },
  })
  expect(customer.status()).toBe(201)
  const { doc } = await customer.json()

  await signInToAdmin(page, DEMO.orgAdmin)
  await expect(page.getByRole('link', { name: 'Branches' }).first()).toBeVisible()
  await page.goto(`/admin/collections/users/${doc.id}`)
  const paidUntil = page.locator('#field-customer__planExpiresAt')
  await expect(paidUntil).toContainText('Time in East Africa Time (Africa/Nairobi)')
  const input = paidUntil.locator('input')
  await input.fill('31/12/2030 23:00')
  await input.press('Escape')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText(/updated successfully/i)).toBeVisible()
  const saved = await (await request.get(`/api/users/${doc.id}?depth=0`)).json()
  expect(saved.customer.planExpiresAt).toBe('2030-12-31T20:00:00.000Z')
  await page.reload()
  await expect(page.locator('#field-customer__planExpiresAt input')).toHaveValue('31/12/2030 23:00')
  await context.close()
})
