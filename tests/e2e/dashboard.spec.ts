/**
 * The branch managers' dashboard in the built app: who gets in, the overview's figures, live
 * sessions of one's own branches only (also when guessing URLs), search and force logout.
 * Screenshots of each page at desktop and tablet width go to the test artifacts.
 */
import { expect, type Locator, type Page, test } from '@playwright/test'

import { FakeCoaRouter } from '../../radius-service/tests/helpers/fakeRouter'
import { DEMO, demoIds, signInOverRest } from './helpers'
import { bringDeviceOnline, radtest } from './radius'

test.describe.configure({ mode: 'serial' })

let ids: Awaited<ReturnType<typeof demoIds>>

test.beforeAll(async ({ request }) => {
  ids = await demoIds(request)
})

/** Types a date and time into one of the dashboard's pickers, as a person would, and leaves it. */
async function typeDateTime(input: Locator, text: string) {
  await input.fill(text)
  await input.press('Escape')
}

async function signInToDashboard(page: Page, { email, password }: { email: string; password: string }) {
  await page.goto('/dashboard/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

/** A device MAC of its own per run (reruns against a reused app find earlier ones still online). */
function randomMac(): { dashes: string; colons: string } {
  const bytes = ['A4', '5E', '60', ...Array.from({ length: 3 }, () => Math.floor(Math.random() * 256).toString(16).padStart(2, '0').toUpperCase())]
  return { dashes: bytes.join('-'), colons: bytes.join(':') }
}

const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'tablet', width: 768, height: 1024 },
]

async function screenshots(page: Page, name: string) {
  for (const size of WIDTHS) {
    await page.setViewportSize({ width: size.width, height: size.height })
    await page.screenshot({ path: test.info().outputPath(`${name}-${size.name}.png`), fullPage: true })
  }
  await page.setViewportSize({ width: 1280, height: 900 })
}

test('nobody signed in is sent to the sign-in page, and a customer is refused', async ({ page }) => {
  await page.goto('/dashboard/sessions')
  await expect(page).toHaveURL(/\/dashboard\/login$/)
  await expect(page.getByRole('heading', { name: 'Beacon dashboard' })).toBeVisible()

  await signInToDashboard(page, DEMO.customer)
  await expect(page).toHaveURL(/\/portal$/)
  await page.goto('/dashboard')
  await expect(page).toHaveURL(/\/portal$/)
  await expect(page.getByText('devices online now')).toHaveCount(0)
})

test('a wrong password is answered in words on the sign-in page', async ({ page }) => {
  await signInToDashboard(page, { email: DEMO.manager.email, password: 'not-the-password' })
  await expect(page.locator('main [role="alert"]')).toHaveText('The email or password provided is incorrect.')
  await expect(page).toHaveURL(/\/dashboard\/login$/)
})

test("the Downtown manager's overview counts Downtown, and links to its pages", async ({ page }) => {
  await signInToDashboard(page, DEMO.manager)
  await expect(page).toHaveURL(/\/dashboard$/)
  await expect(page.getByRole('heading', { name: 'Overview · Downtown' })).toBeVisible()
  await expect(page.locator('header')).toContainText('Demo ISP')
  // Alice's demo device is online at Downtown; the 20 "1 Hour" and 5 "Day Pass" vouchers are Downtown's.
  await expect(page.locator('[data-figure="devices-online"] .figure')).not.toHaveText('0')
  await expect(page.locator('[data-figure="vouchers-left"]')).toContainText('Day Pass: 5')
  await expect(page.locator('[data-figure="open-tickets"]')).toBeVisible()
  // Each figure with its noun as people write it: 1 device, 2 devices.
  for (const [figure, one, many] of [
    ['devices-online', 'device online now', 'devices online now'],
    ['sessions-today', 'session started today', 'sessions started today'],
    ['open-tickets', 'open ticket', 'open tickets'],
  ]) {
    const card = page.locator(`[data-figure="${figure}"]`)
    const count = Number(await card.locator('.figure').textContent())
    await expect(card.locator('.label')).toHaveText(count === 1 ? one : many)
  }
  await screenshots(page, 'overview')
  await page.locator('[data-figure="devices-online"]').click()
  await expect(page).toHaveURL(/\/dashboard\/sessions$/)
})

test('live sessions show Downtown’s devices only, find them by MAC, IP and voucher, and refuse other branches by URL', async ({ page, request }) => {
  await signInOverRest(request, DEMO.manager)
  const mac = randomMac()
  const device = await bringDeviceOnline(request, mac.dashes, '10.5.50.201')

  await signInToDashboard(page, DEMO.manager)
  await expect(page).toHaveURL(/\/dashboard$/)
  await page.goto('/dashboard/sessions')
  const row = page.locator(`tr[data-session="${device.sessionId}"]`)
  await expect(row).toContainText(mac.colons)
  await expect(row).toContainText('10.5.50.201')
  await expect(row).toContainText(`voucher ${device.code}`)
  await expect(row).toContainText('1 Hour')
  await screenshots(page, 'live-sessions')

  for (const query of [mac.colons.toLowerCase(), mac.dashes, device.code]) {
    await page.getByLabel('Search live sessions').fill(query)
    await page.getByRole('button', { name: 'Search' }).click()
    await expect(page.locator('tbody tr[data-session]')).toHaveCount(1)
    await expect(row).toBeVisible()
  }
  await page.getByLabel('Search live sessions').fill('10.5.50.201')
  await page.getByRole('button', { name: 'Search' }).click()
  await expect(row).toBeVisible()
  await expect(page.locator('tbody tr[data-session]', { hasText: 'A4:5E:60:C1:22:01' })).toHaveCount(0)
  await page.getByLabel('Search live sessions').fill('00:00:00:00:00:00')
  await page.getByRole('button', { name: 'Search' }).click()
  await expect(page.getByText('No device online matches “00:00:00:00:00:00”')).toBeVisible()

  // Another branch of the organization, and another organization's, by guessing the URL.
  for (const branch of [ids.airport, ids.mainStreet, '00000000-0000-4000-8000-000000000000', 'not-an-id']) {
    await page.goto(`/dashboard/sessions?branch=${branch}`)
    await expect(page.locator('main [role="alert"]')).toContainText('That branch is not one of yours.')
    await expect(page.locator('tbody tr[data-session]')).toHaveCount(0)
  }
  await page.goto(`/dashboard?branch=${ids.airport}`)
  await expect(page.locator('main [role="alert"]')).toContainText('That branch is not one of yours.')
})

test('force logout asks first, ends the session, and the router’s Disconnect-ACK shows on the page', async ({ page, request }) => {
  // The demo router is 127.0.0.1 with secret testing123: this test plays its /radius incoming.
  const router = new FakeCoaRouter('testing123')
  await router.start('127.0.0.1', 3799)
  try {
    await signInOverRest(request, DEMO.manager)
    const mac = randomMac()
    const device = await bringDeviceOnline(request, mac.dashes, '10.5.50.202')
    await signInToDashboard(page, DEMO.manager)
    await expect(page).toHaveURL(/\/dashboard$/)
    await page.goto('/dashboard/sessions')
    const row = page.locator(`tr[data-session="${device.sessionId}"]`)
    await row.getByRole('button', { name: 'Force logout' }).click()
    const dialog = page.getByRole('dialog', { name: 'Force logout?' })
    await expect(dialog).toBeVisible()
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect(row).toBeVisible()
    expect((await (await request.get(`/api/sessions/${device.sessionId}?depth=0`)).json()).status).toBe('active')

    await row.getByRole('button', { name: 'Force logout' }).click()
    await dialog.getByRole('button', { name: 'Force logout' }).click()
    await expect(row).toHaveCount(0)
    const ended = page.locator(`tr[data-ended-session="${device.sessionId}"]`)
    await expect(ended).toContainText(mac.colons)
    // The RADIUS service sends the Disconnect-Request; the router acknowledges; the page, refreshing by itself, says so.
    await expect(ended).toContainText('Acknowledged by the router', { timeout: 30_000 })
    const disconnect = router.received.find((received) => received.kind === 'Disconnect' && received.attributes['Acct-Session-Id'] === `e2e-${device.code}`)
    expect(disconnect).toBeDefined()
    const stored = await (await request.get(`/api/sessions/${device.sessionId}?depth=0`)).json()
    expect(stored).toMatchObject({ status: 'terminated', terminateCause: 'Admin-Reset', control: { action: 'disconnect', outcome: 'acknowledged' } })
  } finally {
    await router.stop()
  }
})

test('the dashboard follows the signed-in person’s organization: Other ISP’s admin sees Other ISP only', async ({ page }) => {
  await signInToDashboard(page, DEMO.otherAdmin)
  await expect(page).toHaveURL(/\/dashboard$/)
  await expect(page.getByRole('heading', { name: /Overview · Main Street/ })).toBeVisible()
  await expect(page.locator('header')).toContainText('Other ISP')
  await page.goto('/dashboard/sessions')
  await expect(page.getByText('A4:5E:60:C1:22:01')).toHaveCount(0)
  await page.goto(`/dashboard/sessions?branch=${ids.downtown}`)
  await expect(page.locator('main [role="alert"]')).toContainText('That branch is not one of yours.')
})

test('history filters ended sessions on the server, and its CSV holds what the page shows', async ({ page }) => {
  await signInToDashboard(page, DEMO.manager)
  await expect(page).toHaveURL(/\/dashboard$/)
  // The last 7 days by default: Alice's Day Pass (3 days ago) and 1 Hour (5 days ago), not the one 9 days ago.
  await page.goto('/dashboard/history')
  const table = page.getByRole('table', { name: 'Ended sessions' })
  await expect(table).toContainText('10.5.50.31')
  await expect(table).toContainText('10.5.50.7')
  await expect(table).not.toContainText('10.5.50.44')
  await screenshots(page, 'history')

  await page.getByLabel('End reason').selectOption('Session-Timeout')
  await page.getByRole('button', { name: 'Show' }).click()
  await expect(page).toHaveURL(/cause=Session-Timeout/)
  await expect(table.locator('tbody tr')).toHaveCount(1)
  await expect(table).toContainText('10.5.50.31')
  await expect(table).toContainText('Day Pass')

  const exportLink = page.getByRole('link', { name: 'Export CSV' })
  const csv = await (await page.request.get((await exportLink.getAttribute('href'))!)).text()
  const lines = csv.trim().split('\n')
  expect(lines[0]).toBe('started,ended,minutes,customer,voucher,mac,ip,plan,branch,bytes,end reason')
  expect(lines).toHaveLength(2)
  expect(lines[1]).toContain('10.5.50.31')
  expect(lines[1]).toContain('Day Pass')
  expect(lines[1]).toContain('Session-Timeout')

  const twoWeeksAgo = new Date(Date.now() - 14 * 86_400_000).toISOString().slice(0, 10)
  await page.goto(`/dashboard/history?from=${twoWeeksAgo}&cause=Admin-Reset`)
  await expect(table).toContainText('10.5.50.44')

  await page.goto('/dashboard/history?from=2026-02-30')
  await expect(page.locator('main [role="alert"]')).toHaveText('The first day, “2026-02-30”, is not a date: write it as dd/mm/yyyy.')
  await page.goto(`/dashboard/history?branch=${ids.airport}`)
  await expect(page.locator('main [role="alert"]')).toContainText('That branch is not one of yours.')
  expect((await page.request.get(`/dashboard/history/export?branch=${ids.airport}`)).status()).toBe(404)
})

test('the manager generates 10 vouchers, opens their print sheet, and sees the batch with its CSV', async ({ page, context }) => {
  await signInToDashboard(page, DEMO.manager)
  await expect(page).toHaveURL(/\/dashboard$/)
  await page.goto('/dashboard/vouchers')
  const form = page.getByRole('form', { name: 'Generate vouchers' })
  await form.getByLabel('Plan').selectOption({ label: '1 Hour' })
  await form.getByLabel('How many').fill('10')
  await form.getByRole('button', { name: 'Generate' }).click()
  await expect(form.getByRole('status')).toContainText('10 vouchers ready.')

  const [sheet] = await Promise.all([context.waitForEvent('page'), form.getByRole('link', { name: 'Open the printable sheet' }).click()])
  await sheet.waitForLoadState()
  await expect(sheet.locator('.card')).toHaveCount(10)
  const batchId = decodeURIComponent(/batches\/([^/]+)\/sheet/.exec(sheet.url())![1])
  await sheet.close()

  const row = page.locator(`tr[data-batch="${batchId}"]`)
  await expect(row).toContainText('1 Hour')
  await expect(row).toContainText('0 of 10')
  await expect(row).toContainText('Downtown')
  await screenshots(page, 'vouchers')
  const csv = await (await page.request.get((await row.getByRole('link', { name: 'CSV' }).getAttribute('href'))!)).text()
  const lines = csv.trim().split('\n')
  expect(lines).toHaveLength(11)
  expect(lines.slice(1).every((line) => line.includes('AVAILABLE') && line.includes(batchId))).toBe(true)

  // A batch of one is one voucher.
  await form.getByLabel('How many').fill('1')
  await form.getByRole('button', { name: 'Generate' }).click()
  await expect(form.getByRole('status')).toContainText('1 voucher ready.')

  // Out of range: the form says so before anything is sent.
  await form.getByLabel('How many').fill('0')
  expect(await form.getByLabel('How many').evaluate((input: HTMLInputElement) => input.validity.rangeUnderflow)).toBe(true)
})

test('John Tech starts a timer on ticket #3, reloads, stops it and sees the duration; a second timer is refused in words', async ({ page }) => {
  await signInToDashboard(page, { email: 'tech1@demo-isp.test', password: 'beacon-tech-1' })
  await expect(page).toHaveURL(/\/dashboard$/)
  await page.getByRole('link', { name: 'Tickets', exact: true }).click()
  await expect(page.getByRole('table', { name: 'Tickets' })).toBeVisible()
  await screenshots(page, 'tickets')
  await page.locator('tr[data-ticket="3"] a').click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('#3')
  const ticketUrl = page.url()

  await page.getByRole('button', { name: 'Start timer' }).click()
  await expect(page.getByRole('status')).toHaveText('Timer started.')
  const clock = page.getByRole('timer', { name: 'Time on this ticket' })
  await expect(clock).toHaveText(/^0:00:0\d$/)

  // The server holds the running timer: it is still there after a reload.
  await page.reload()
  await expect(clock).toHaveText(/^0:00:\d\d$/)
  await expect(page.getByRole('button', { name: 'Stop timer' })).toBeVisible()
  await screenshots(page, 'ticket')

  // Seed 002: one timer at a time, refused with its message.
  await page.goto('/dashboard/tickets?status=all')
  await page.locator('tr[data-ticket="4"] a').click()
  await expect(page.getByText('Your timer runs on')).toContainText('ticket #3')
  await page.getByRole('button', { name: 'Start timer' }).click()
  await expect(page.locator('main [role="alert"]')).toHaveText('You have an active session. Please stop it before starting a new one.')

  await page.goto(ticketUrl)
  await page.getByRole('button', { name: 'Stop timer' }).click()
  await expect(page.getByRole('status')).toHaveText(/^Stopped: \d+ min recorded\.$/)
  await expect(page.getByRole('button', { name: 'Start timer' })).toBeVisible()
  // Stopped within a minute, it booked nothing: folded away under the table, not a row of its own.
  const folded = page.locator('details[data-empty-timers]')
  await expect(folded.locator('summary')).toHaveText(/^\d+ timers? stopped within a minute, booking no time$/)
  await folded.locator('summary').click()
  await expect(folded).toContainText('John Tech')
  await expect(page.getByRole('table', { name: 'Time booked' }).getByText('running')).toHaveCount(0)
})

test('manual time and corrections show the rules in words; the timesheet totals what was booked', async ({ page }) => {
  await signInToDashboard(page, { email: 'tech1@demo-isp.test', password: 'beacon-tech-1' })
  await expect(page).toHaveURL(/\/dashboard$/)
  await page.goto('/dashboard/tickets?status=all')
  await page.locator('tr[data-ticket="4"] a').click()
  const form = page.getByRole('form', { name: 'Add time worked' })
  // A day of its own, weeks back, so a rerun against the same app does not overlap this run's time.
  const day = new Date(Date.now() - (30 + Math.floor(Math.random() * 300)) * 86_400_000).toISOString().slice(0, 10)
  // Typed as Demo ISP writes dates (en-KE: day first).
  const typed = day.split('-').reverse().join('/')
  // Ends before it starts: refused with the rule.
  await typeDateTime(form.getByLabel('From', { exact: true }), `${typed} 11:30`)
  await typeDateTime(form.getByLabel('To', { exact: true }), `${typed} 10:00`)
  await form.getByRole('button', { name: 'Add time' }).click()
  await expect(form.getByRole('alert')).toContainText('end')
  await typeDateTime(form.getByLabel('From', { exact: true }), `${typed} 10:00`)
  await typeDateTime(form.getByLabel('To', { exact: true }), `${typed} 11:30`)
  await form.getByLabel('Note').fill('Replaced the access point')
  await form.getByRole('button', { name: 'Add time' }).click()
  await expect(form.getByRole('status')).toHaveText('Added 90 min.')
  const row = page.getByRole('table', { name: 'Time booked' }).locator('tr', { hasText: 'Replaced the access point' })
  await expect(row).toContainText('1 h 30 min')

  await row.locator('summary', { hasText: 'Correct' }).click()
  const correction = row.getByRole('form', { name: 'Correct this entry' })
  await correction.getByLabel('Minutes to add or take away').fill('-100')
  await correction.getByLabel('Reason').fill('Too much')
  await correction.getByRole('button', { name: 'Save correction' }).click()
  await expect(correction.getByRole('alert')).toContainText('stands at 90')

  await page.goto(`/dashboard/timesheet?from=${day}&to=${day}`)
  await expect(page.getByRole('heading', { name: /My time/ })).toBeVisible()
  await expect(page.getByRole('table', { name: 'Totals' })).toContainText('1 h 30 min')
  const csv = await (await page.request.get((await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href'))!)).text()
  expect(csv).toContain('Replaced the access point')
})

test("routers show their state and devices, and hand out the branch's hotspot login.html", async ({ page, request }) => {
  await signInToDashboard(page, DEMO.manager)
  await expect(page).toHaveURL(/\/dashboard$/)
  await page.getByRole('link', { name: 'Routers', exact: true }).click()
  const row = page.getByRole('table', { name: 'Routers' }).locator('tr', { hasText: 'Downtown hotspot' })
  await expect(row).toContainText('127.0.0.1')
  await expect(row.locator('td').nth(4)).not.toHaveText('0')
  await screenshots(page, 'routers')

  const href = (await row.getByRole('link', { name: 'login.html' }).getAttribute('href'))!
  const download = await page.request.get(href)
  expect(download.headers()['content-disposition']).toContain('login.html')
  const html = await download.text()
  expect(html).toContain(`/portal/demo-isp/${ids.downtown}?mac=$(mac-esc)&amp;ip=$(ip-esc)`)
  expect(html).toContain('chap-id=$(chap-id-esc)&amp;chap-challenge=$(chap-challenge-esc)')

  await signInOverRest(request, DEMO.otherAdmin)
  expect((await request.get(href)).status()).toBe(404)
})

test('usage charts show the last day and month, and the top customers', async ({ page }) => {
  await signInToDashboard(page, DEMO.manager)
  await expect(page).toHaveURL(/\/dashboard$/)
  await page.getByRole('link', { name: 'Usage', exact: true }).click()
  for (const title of ['Data per hour, last 24 hours', 'Devices online per hour, last 24 hours', 'Data per day, last 30 days', 'Top customers by data, last 30 days']) {
    const chart = page.locator(`figure[aria-label="${title}"]`)
    await expect(chart).toBeVisible()
    await expect(chart.locator('svg.recharts-surface')).toBeVisible()
  }
  await expect(page.getByRole('table', { name: 'Top customers' })).toContainText('Alice Customer')
  await screenshots(page, 'usage')
})

test('a super-admin working across all organizations picks one first, then sees all its branches', async ({ page }) => {
  await signInToDashboard(page, DEMO.super)
  await expect(page).toHaveURL(/\/dashboard\/choose$/)
  await page.getByLabel('Organization').selectOption({ label: 'Demo ISP WiFi' })
  await expect(page).toHaveURL(/\/dashboard$/)
  await expect(page.getByRole('heading', { name: 'Overview · All my branches' })).toBeVisible()
  await expect(page.getByLabel('Branch')).toContainText('Airport')
})

test('a login whose router never sent its Accounting-Start is online nowhere: not listed, not counted', async ({ page, request }) => {
  await signInOverRest(request, DEMO.manager)
  const vouchers = await (await request.get('/api/vouchers?where[batchId][equals]=DEMO-1HOUR&where[status][equals]=AVAILABLE&limit=1&depth=0')).json()
  // The router asks and Beacon accepts, but no Accounting-Start follows: the device never got online.
  const reply = await radtest(vouchers.docs[0].code)
  expect(reply).toContain('Received Access-Accept')
  const sessionId = Buffer.from(/Class = 0x([0-9a-f]+)/.exec(reply)![1], 'hex').toString('utf8').replace('beacon:', '')
  expect((await (await request.get(`/api/sessions/${sessionId}?depth=0`)).json()).status).toBe('pending')

  await signInToDashboard(page, DEMO.manager)
  await expect(page).toHaveURL(/\/dashboard$/)
  const online = Number(await page.locator('[data-figure="devices-online"] .figure').textContent())
  await page.goto('/dashboard/sessions')
  await expect(page.locator(`tr[data-session="${sessionId}"]`)).toHaveCount(0)
  // The list and the overview agree on who is online.
  await expect(page.locator('tbody tr[data-session]')).toHaveCount(online)
  await expect(page.getByText('no IP yet')).toHaveCount(0)
})

test("manual time is typed in the ticket's zone whatever the browser's, the form says which, and a clash is told in words", async ({ browser, baseURL }) => {
  // A browser in New York (UTC−5); Demo ISP and its branches work in Nairobi (UTC+3).
  // Tall enough that the form, its date pickers' calendars and the table below are on screen at once.
  const context = await browser.newContext({ timezoneId: 'America/New_York', baseURL, viewport: { width: 1280, height: 2400 } })
  const page = await context.newPage()
  await signInToDashboard(page, { email: 'tech1@demo-isp.test', password: 'beacon-tech-1' })
  await expect(page).toHaveURL(/\/dashboard$/)
  const [ticket3] = (await (await page.request.get('/api/tickets?where[number][equals]=3&depth=0')).json()).docs
  await page.goto(`/dashboard/tickets/${ticket3.id}`)
  const form = page.getByRole('form', { name: 'Add time worked' })
  await expect(form).toContainText('Times in East Africa Time (Africa/Nairobi).')

  const day = new Date(Date.now() - (400 + Math.floor(Math.random() * 300)) * 86_400_000).toISOString().slice(0, 10)
  const typed = day.split('-').reverse().join('/')
  const note = `Zone check ${Date.now()}`
  await typeDateTime(form.getByLabel('From', { exact: true }), `${typed} 10:00`)
  await typeDateTime(form.getByLabel('To', { exact: true }), `${typed} 10:45`)
  await form.getByLabel('Note').fill(note)
  await form.getByRole('button', { name: 'Add time' }).click()
  await expect(form.getByRole('status')).toHaveText('Added 45 min.')
  const row = page.getByRole('table', { name: 'Time booked' }).locator('tr', { hasText: note })
  await expect(row).toContainText(`${typed} 10:00`)
  await expect(row).toContainText(`${typed} 10:45`)
  const [stored] = (await (await page.request.get(`/api/time-sessions?where[note][equals]=${encodeURIComponent(note)}&depth=0`)).json()).docs
  expect(stored).toMatchObject({ startTime: `${day}T07:00:00.000Z`, endTime: `${day}T07:45:00.000Z`, durationMinutes: 45 })

  // Time over it is refused with the clash in the same words and zone, no ISO string, no field name.
  await typeDateTime(form.getByLabel('From', { exact: true }), `${typed} 10:30`)
  await typeDateTime(form.getByLabel('To', { exact: true }), `${typed} 11:00`)
  await form.getByRole('button', { name: 'Add time' }).click()
  await expect(form.getByRole('alert')).toHaveText(
    `This time overlaps another of your time sessions. It overlaps ticket #3 (${typed} 10:00–10:45, East Africa Time (Africa/Nairobi)).`,
  )
  await typeDateTime(form.getByLabel('From', { exact: true }), `${typed} 12:00`)
  await typeDateTime(form.getByLabel('To', { exact: true }), `${typed} 11:00`)
  await form.getByRole('button', { name: 'Add time' }).click()
  await expect(form.getByRole('alert')).toHaveText('The end must be after the start.')
  await context.close()
})

test("the organization's date format is every page's and picker's", async ({ page, request }) => {
  await signInOverRest(request, DEMO.orgAdmin)
  const setFormat = (dateFormat: string | null) => request.patch(`/api/organizations/${ids.demo}`, { data: { dateFormat } })
  expect((await setFormat('yyyy-MM-dd')).status()).toBe(200)
  try {
    await signInToDashboard(page, DEMO.manager)
    await expect(page).toHaveURL(/\/dashboard$/)
    await page.goto('/dashboard/history')
    const from = page.getByLabel('From', { exact: true })
    await expect(from).toHaveValue(/^\d{4}-\d{2}-\d{2}$/)
    await expect(page.getByRole('table', { name: 'Ended sessions' })).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/)
    // The picker's calendar writes the day it is given in that format too.
    await from.click()
    await page.locator('.react-datepicker__day--015:not(.react-datepicker__day--outside-month)').click()
    await expect(from).toHaveValue(/^\d{4}-\d{2}-15$/)
    const twoWeeksAgo = new Date(Date.now() - 14 * 86_400_000).toISOString().slice(0, 10)
    await typeDateTime(from, twoWeeksAgo)
    await page.getByRole('button', { name: 'Show' }).click()
    await expect(page).toHaveURL(new RegExp(`from=${twoWeeksAgo}`))
    await expect(page.getByRole('table', { name: 'Ended sessions' })).toContainText('10.5.50.44')
  } finally {
    expect((await setFormat(null)).status()).toBe(200)
  }
  // Without a chosen format, the locale's (Demo ISP: en-KE, day first).
  await page.goto('/dashboard/history')
  await expect(page.getByLabel('From', { exact: true })).toHaveValue(/^\d{2}\/\d{2}\/\d{4}$/)
  await expect(page.getByRole('table', { name: 'Ended sessions' })).toContainText(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/)
})

test("words, not codes: end reasons, ticket states, lengths of time, colleagues' and guests' names, the timesheet in the menu", async ({ page }) => {
  await signInToDashboard(page, DEMO.manager)
  await expect(page).toHaveURL(/\/dashboard$/)
  await expect(page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Timesheet' })).toBeVisible()

  const twoWeeksAgo = new Date(Date.now() - 14 * 86_400_000).toISOString().slice(0, 10)
  await page.goto(`/dashboard/history?from=${twoWeeksAgo}`)
  const ended = page.getByRole('table', { name: 'Ended sessions' })
  for (const words of ['Time ran out', 'User request', 'Ended by staff']) await expect(ended).toContainText(words)
  for (const code of ['Session-Timeout', 'User-Request', 'Admin-Reset']) await expect(ended).not.toContainText(code)
  await expect(page.getByLabel('End reason').locator('option', { hasText: 'Time ran out' })).toHaveCount(1)

  // Ticket #1 is John Tech's (staff of the whole organization, whose record a branch manager does not read).
  await page.goto('/dashboard/tickets?status=all')
  const first = page.locator('tr[data-ticket="1"]')
  await expect(first).toContainText('In progress')
  await expect(first).toContainText('John Tech')
  await expect(first).toContainText('2 h')
  const tickets = page.getByRole('table', { name: 'Tickets' })
  await expect(tickets).not.toContainText('A colleague')
  await expect(tickets).not.toContainText('in-progress')

  await page.goto('/dashboard/usage')
  const top = page.getByRole('table', { name: 'Top customers' })
  await expect(top).toContainText('Voucher guests')
  await expect(top).not.toContainText('A customer you cannot see')
})

test('a timer started elsewhere is named, with a link to its ticket, when Start is refused', async ({ page }) => {
  await signInToDashboard(page, { email: 'tech1@demo-isp.test', password: 'beacon-tech-1' })
  await expect(page).toHaveURL(/\/dashboard$/)
  const ticketId = async (number: number) => (await (await page.request.get(`/api/tickets?where[number][equals]=${number}&depth=0`)).json()).docs[0].id as string
  const [three, four] = [await ticketId(3), await ticketId(4)]
  await page.goto(`/dashboard/tickets/${four}`)
  await expect(page.getByRole('button', { name: 'Start timer' })).toBeVisible()
  await expect(page.getByText('Your timer runs on')).toHaveCount(0)
  // Meanwhile, in another tab, John starts his timer on #3.
  expect((await page.request.post('/api/time-sessions/start', { data: { ticket: three } })).status()).toBe(201)

  await page.getByRole('button', { name: 'Start timer' }).click()
  await expect(page.locator('main [role="alert"]')).toHaveText('You have an active session. Please stop it before starting a new one.')
  const where = page.getByText('Your timer runs on')
  await expect(where).toContainText('ticket #3 WiFi drops in the lounge')
  await where.getByRole('link').click()
  await expect(page).toHaveURL(new RegExp(`/dashboard/tickets/${three}$`))
  await page.getByRole('button', { name: 'Stop timer' }).click()
  await expect(page.getByRole('status')).toHaveText(/^Stopped: \d+ min recorded\.$/)
})
