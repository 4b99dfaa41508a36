/**
 * The captive portal in the built app, as customers meet it: a phone sent by a MikroTik hotspot
 * (FakeHotspot, which logs devices in over real RADIUS with CHAP and starts their accounting),
 * vouchers and their limits, wrong codes and their rate limit, customer accounts, tickets, the
 * RFC 8908 API, and every page with JavaScript off. Screenshots go to the test artifacts.
 */
import { type APIRequestContext, type Browser, type BrowserContext, devices, expect, type Page, test } from '@playwright/test'

import { FakeHotspot, type HotspotDevice } from './fakeHotspot'
import { DEMO, demoIds, signInOverRest } from './helpers'
import { latestEmailTo, type OutboxEmail } from './outbox'

// Journeys of several pages each, with pbkdf2 password checks on the way.
test.describe.configure({ mode: 'serial', timeout: 120_000 })

let ids: Awaited<ReturnType<typeof demoIds>> & { router: string; otherRouter: string }
let hotspot: FakeHotspot
let admin: APIRequestContext

// Chromium playing an iPhone: its screen, touch and user agent.
const { defaultBrowserType: _webkit, ...PHONE } = devices['iPhone 13']

/** A device MAC of its own per run (reruns against a reused app find earlier ones still online). */
const randomMac = () =>
  [
    'A4',
    '5E',
    '61',
    ...Array.from({ length: 3 }, () =>
      Math.floor(Math.random() * 256)
        .toString(16)
        .padStart(2, '0'),
    ),
  ]
    .join(':')
    .toUpperCase()

const device = (overrides: Partial<HotspotDevice> = {}): HotspotDevice => ({
  mac: randomMac(),
  ip: `10.5.50.${2 + Math.floor(Math.random() * 250)}`,
  login: 'chap',
  ...overrides,
})

test.beforeAll(async ({ playwright, baseURL }) => {
  admin = await playwright.request.newContext({ baseURL })
  const demo = await demoIds(admin)
  await signInOverRest(admin, DEMO.orgAdmin)
  // The demo router (this machine), which the fake hotspot speaks as; other tests add routers.
  const routers = await (await admin.get('/api/routers?where[ipAddress][equals]=127.0.0.1&depth=0')).json()
  const [router] = routers.docs
  // As an operator would: its hotspot's login page is at this address, the only one the portal
  // hands Downtown's sign-ins to.
  const pinned = await admin.patch(`/api/routers/${router.id}`, { data: { hotspotAddress: '127.0.0.1' } })
  expect(pinned.status()).toBe(200)
  const superAdmin = await playwright.request.newContext({ baseURL })
  await signInOverRest(superAdmin, DEMO.super)
  const other = await (await superAdmin.get(`/api/routers?where[location][equals]=${demo.mainStreet}&depth=0&limit=1`)).json()
  await superAdmin.dispose()
  ids = { ...demo, router: String(router.id), otherRouter: String(other.docs[0].id) }
  hotspot = new FakeHotspot(`${baseURL}/portal/demo-isp/${demo.downtown}`)
  await hotspot.start()
})

test.afterAll(async () => {
  await hotspot?.stop()
  await admin?.dispose()
})

/** An unused demo voucher of a batch, read by Demo ISP's admin. */
async function voucherOf(batch: 'DEMO-1HOUR' | 'DEMO-DAYPASS'): Promise<string> {
  const body = await (
    await admin.get(`/api/vouchers?where[batchId][equals]=${batch}&where[status][equals]=AVAILABLE&limit=1&depth=0`)
  ).json()
  expect(body.docs, `an available ${batch} voucher`).toHaveLength(1)
  return body.docs[0].code
}

async function sessionById(id: string) {
  return (await admin.get(`/api/sessions/${id}?depth=0`)).json()
}

async function phone(browser: Browser, options: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...PHONE, ...options, baseURL: test.info().project.use.baseURL })
  return { context, page: await context.newPage() }
}

async function enterVoucher(page: Page, code: string) {
  await page.getByLabel('Voucher code').fill(code)
  await page.getByRole('button', { name: 'Connect', exact: true }).click()
}

/** The problem a page reports (Next.js's route announcer is an alert too). */
const problem = (page: Page) => page.locator('p.problem')

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true })

test('a phone redeems a Demo ISP voucher through the hotspot and lands on its status with about an hour left', async ({ browser }) => {
  const { context, page } = await phone(browser)
  const mine = device()
  await page.goto(hotspot.catchDevice(mine))
  await expect(page.getByRole('heading', { name: 'Get online' })).toBeVisible()
  await expect(page.locator('.brand .name')).toHaveText('Demo ISP WiFi')
  await shot(page, 'portal-voucher')
  const code = await voucherOf('DEMO-1HOUR')
  // Typed the way people do: lower case, with a dash.
  await enterVoucher(page, `${code.slice(0, 5).toLowerCase()}-${code.slice(5)}`)

  await expect(page).toHaveURL(/\/status$/)
  await expect(page.getByRole('heading', { name: 'You are online' })).toBeVisible()
  await expect(page.getByTestId('time-left')).toHaveText(/^(59 min|1 h 00 min)$/)
  await expect(page.getByTestId('session-state')).toHaveText('online')
  await expect(page.getByText(mine.mac)).toBeVisible()
  await shot(page, 'portal-status')

  // The router really asked: CHAP with the portal's one-time credentials, then Accounting-Start.
  const login = hotspot.logins.at(-1)!
  expect(login).toMatchObject({ device: mine.mac, method: 'chap', answer: 'Access-Accept' })
  expect(login.userName).toMatch(/^portal-[0-9a-f]{20}$/)
  const session = await sessionById(login.session!)
  expect(session).toMatchObject({ status: 'active', deviceMac: mine.mac, authMethod: 'voucher' })
  expect(session.usage.lastIp).toBe(mine.ip)
  const voucher = (await (await admin.get(`/api/vouchers?where[code][equals]=${code}&depth=0`)).json()).docs[0]
  expect(voucher.status).toBe('USED')

  // The status page's "Log out" is the router's own logout: it ends the session there.
  await page.getByRole('link', { name: 'Log out' }).click()
  await expect(page.getByRole('heading', { name: 'You have just logged out' })).toBeVisible()
  await expect.poll(async () => (await sessionById(login.session!)).status).toBe('terminated')
  await context.close()
})

test('a Day Pass voucher takes two devices; the third is refused with the reason', async ({ browser }) => {
  const code = await voucherOf('DEMO-DAYPASS')
  for (const [index, outcome] of ['online', 'online', 'refused'].entries()) {
    const { context, page } = await phone(browser)
    await page.goto(hotspot.catchDevice(device({ login: index === 1 ? 'pap' : 'chap' })))
    await enterVoucher(page, code)
    if (outcome === 'online') {
      await expect(page.getByRole('heading', { name: 'You are online' })).toBeVisible()
      await expect(page.getByTestId('data-left')).toHaveText('2.0 GB')
    } else {
      await expect(problem(page)).toHaveText('This voucher is already in use on as many devices as its plan allows.')
      await expect(page.getByLabel('Voucher code')).toBeVisible()
      await shot(page, 'portal-third-device')
    }
    await context.close()
  }
})

test('a wrong code is answered in words and stays in its box, and 20 wrong codes in a row are slowed down', async ({ browser }) => {
  const { context, page } = await phone(browser)
  await page.goto(hotspot.catchDevice(device()))
  await enterVoucher(page, 'NOT-A-CODE-1')
  await expect(problem(page)).toHaveText('This voucher code is not valid.')
  // Mistyped, not lost: the code is there to correct, and not in the address.
  await expect(page.getByLabel('Voucher code')).toHaveValue('NOT-A-CODE-1')
  expect(page.url()).not.toContain('NOT-A-CODE')
  const answers: string[] = []
  for (let attempt = 2; attempt <= 20; attempt++) {
    await enterVoucher(page, `WRONG${String(attempt).padStart(5, '0')}`)
    answers.push((await problem(page).textContent()) ?? '')
  }
  // Ten tries per device in 15 minutes: the 11th and later are refused without being checked.
  expect(answers.slice(0, 9)).toEqual(Array(9).fill('This voucher code is not valid.'))
  expect(answers.slice(9)).toEqual(
    Array(10).fill('Too many wrong attempts from this device. Please wait 15 minutes and try again, or ask the staff for help.'),
  )
  // Even the right code waits now.
  await enterVoucher(page, await voucherOf('DEMO-1HOUR'))
  await expect(problem(page)).toContainText('Too many wrong attempts')
  await shot(page, 'portal-slowed-down')
  await context.close()
})

test('a customer signs in and sees only their own sessions', async ({ browser }) => {
  const { context, page } = await phone(browser)
  await page.goto(`/portal/demo-isp/${ids.downtown}/sessions`)
  await expect(page).toHaveURL(/\/signin\?problem=sign-in-first$/)
  await page.getByLabel('Email, phone number or username').fill('alice')
  await page.getByLabel('Password').fill('not-her-password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(problem(page)).toContainText('The email, phone number or password is not correct.')
  await page.getByLabel('Email, phone number or username').fill('alice')
  await page.getByLabel('Password').fill(DEMO.customer.password)
  await page.getByRole('button', { name: 'Sign in' }).click()

  await expect(page.getByRole('heading', { name: 'My sessions' })).toBeVisible()
  const hers = await (await admin.get(`/api/sessions?where[user][equals]=${ids.alice}&depth=0&limit=100`)).json()
  const everyone = await (await admin.get('/api/sessions?depth=0&limit=0')).json()
  expect(everyone.totalDocs).toBeGreaterThan(hers.totalDocs)
  await expect(page.getByTestId('my-sessions').locator('li')).toHaveCount(hers.totalDocs)
  for (const other of hotspot.logins.filter((login) => login.answer === 'Access-Accept')) {
    await expect(page.getByText(other.device)).toHaveCount(0)
  }
  await shot(page, 'portal-my-sessions')

  // Her tickets: she opens one, staff answer, she reads the reply.
  await page.getByRole('link', { name: 'Help' }).click()
  await page.getByLabel('What is the problem?').fill('Slow WiFi in the lounge')
  await page.getByLabel(/Details/).fill('Pages take a minute to load since noon.')
  await page.getByRole('button', { name: 'Send to support' }).click()
  await expect(page.getByRole('heading', { name: /^#\d+ Slow WiFi in the lounge$/ })).toBeVisible()
  const ticketId = page.url().split('/').pop()!
  const ticket = await (await admin.get(`/api/tickets/${ticketId}?depth=0`)).json()
  expect(ticket).toMatchObject({ requester: ids.alice, location: ids.downtown, status: 'open' })
  expect(
    (await admin.post('/api/ticket-comments', { data: { ticket: ticketId, body: 'We restarted the lounge access point.' } })).status(),
  ).toBe(201)
  await page.reload()
  await expect(page.getByText('We restarted the lounge access point.')).toBeVisible()
  await page.getByLabel('Reply').fill('Thanks, it works now.')
  await page.getByRole('button', { name: 'Send reply' }).click()
  await expect(page.locator('.conversation li.mine').getByText('Thanks, it works now.')).toBeVisible()
  await shot(page, 'portal-ticket')

  // Another customer's ticket is not hers to read.
  const tickets = await (await admin.get('/api/tickets?depth=0&limit=100')).json()
  const notHers = tickets.docs.find((candidate: { requester: string | null }) => candidate.requester !== ids.alice)
  await page.goto(`/portal/demo-isp/${ids.downtown}/tickets/${notHers.id}`)
  await expect(page.getByRole('heading', { name: 'No such ticket' })).toBeVisible()

  // `/portal` (where the dashboard sends customers) lists her branches.
  await page.goto('/portal')
  await page.getByRole('link', { name: 'Demo ISP WiFi · Downtown' }).click()
  await expect(page.getByRole('heading', { name: 'My sessions' })).toBeVisible()

  await page.getByRole('button', { name: 'Sign out' }).click()
  await page.goto(`/portal/demo-isp/${ids.downtown}/tickets`)
  await expect(page).toHaveURL(/\/signin\?problem=sign-in-first$/)
  await context.close()
})

test('a new customer signs up with a phone number, signs in with it and gets online with a plan', async ({ browser }) => {
  const { context, page } = await phone(browser)
  const number = `+2547${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
  const mine = device()
  await page.goto(hotspot.catchDevice(mine))
  await page.getByRole('link', { name: 'Create an account' }).click()
  await page.getByLabel('Your name').fill('Pat Phone')
  await page.getByLabel('Email or phone number').fill('not a phone')
  await page.getByLabel('Password', { exact: false }).fill('pat-secret-1')
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(problem(page)).toContainText('Enter an email address or a phone number')
  // What was typed is not put in the address.
  expect(page.url()).not.toContain('Pat')
  await page.getByLabel('Your name').fill('Pat Phone')
  await page.getByLabel('Email or phone number').fill(number.replace(/^(\+254)(\d{3})/, '$1 $2 '))
  await page.getByLabel('Password', { exact: false }).fill('pat-secret-1')
  await page.getByRole('button', { name: 'Create account' }).click()
  // Signed up from the hotspot: the portal tries to put the device online on the new account.
  await expect(problem(page)).toHaveText('This account has no active plan. Buy a voucher or a plan to get online.')
  await expect(page.getByText('Signed in as Pat Phone.')).toBeVisible()
  await page.getByRole('button', { name: 'Sign out' }).click()

  await page.goto(`/portal/demo-isp/${ids.downtown}/signin`)
  await page.getByLabel('Email, phone number or username').fill(number)
  await page.getByLabel('Password').fill('pat-secret-1')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { name: 'My sessions' })).toBeVisible()
  await expect(page.getByText('No WiFi sessions yet.')).toBeVisible()
  const created = await (await admin.get(`/api/users?where[phone][equals]=${encodeURIComponent(number)}&depth=0`)).json()
  expect(created.docs).toHaveLength(1)
  expect(created.docs[0].memberships).toMatchObject([{ organization: ids.demo, role: 'customer' }])

  // Staff give Pat a Day Pass subscription; back at the hotspot, Pat's account puts the phone online.
  const plans = await (await admin.get('/api/plans?where[name][equals]=Day%20Pass&depth=0')).json()
  const patched = await admin.patch(`/api/users/${created.docs[0].id}`, { data: { customer: { plan: plans.docs[0].id } } })
  expect(patched.status()).toBe(200)
  await page.goto(hotspot.catchDevice(mine))
  await page.getByRole('button', { name: /^Connect with my account/ }).click()
  await expect(page.getByRole('heading', { name: 'You are online' })).toBeVisible()
  const login = hotspot.logins.at(-1)!
  expect(login).toMatchObject({ device: mine.mac, answer: 'Access-Accept' })
  expect(await sessionById(login.session!)).toMatchObject({ status: 'active', user: created.docs[0].id, authMethod: 'account' })
  await context.close()
})

/** A customer of Demo ISP with an email address and a password, made by its admin; with a subscription plan if named. */
async function staffMadeCustomer(plan?: string): Promise<{ email: string; password: string }> {
  const email = `customer-${Date.now()}-${Math.floor(Math.random() * 1000)}@example.test`
  const password = 'customer-secret-1'
  const planId = plan ? (await (await admin.get(`/api/plans?where[name][equals]=${encodeURIComponent(plan)}&depth=0`)).json()).docs[0].id : undefined
  const created = await admin.post('/api/users', {
    data: { email, password, name: 'Casey Customer', status: 'ACTIVE', memberships: [{ organization: ids.demo, role: 'customer' }], ...(planId ? { customer: { plan: planId } } : {}) },
  })
  expect(created.status(), await created.text()).toBe(201)
  return { email, password }
}

test("a signed-in customer's status shows their plan, time and data left, also on a phone that signed no device in", async ({ browser }) => {
  const casey = await staffMadeCustomer('Day Pass')
  // On a phone the hotspot sends, Casey signs in with the account and the phone goes online.
  const online = await phone(browser)
  await online.page.goto(hotspot.catchDevice(device()))
  await online.page.getByRole('link', { name: 'Sign in with an account' }).click()
  await online.page.getByLabel('Email, phone number or username').fill(casey.email)
  await online.page.getByLabel('Password').fill(casey.password)
  await online.page.getByRole('button', { name: 'Sign in and connect' }).click()
  await expect(online.page.getByRole('heading', { name: 'You are online' })).toBeVisible()
  await online.context.close()

  // On another phone, not on the WiFi, Casey signs in at the branch's portal and opens Status.
  const { context, page } = await phone(browser)
  await page.goto(`/portal/demo-isp/${ids.downtown}/signin`)
  await page.getByLabel('Email, phone number or username').fill(casey.email)
  await page.getByLabel('Password').fill(casey.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { name: 'My sessions' })).toBeVisible()
  await page.getByRole('link', { name: 'Status' }).click()
  const account = page.getByTestId('account-status')
  await expect(account.getByTestId('account-plan')).toHaveText('Day Pass')
  await expect(account.getByTestId('time-left')).toHaveText(/^23 h \d\d min$/)
  await expect(account.getByTestId('data-left')).toHaveText('2.0 GB')
  await expect(account).toContainText('1 of 2 online')
  await shot(page, 'portal-account-status')
  await context.close()
})

test('a forgotten password is reset with the link the portal emails', async ({ browser }) => {
  const casey = await staffMadeCustomer()
  const { context, page } = await phone(browser)
  await page.goto(`/portal/demo-isp/${ids.downtown}/signin`)
  await page.getByRole('link', { name: 'Forgot your password?' }).click()
  const since = Date.now()
  await page.getByLabel('Email address').fill(casey.email)
  await page.getByRole('button', { name: 'Send me a link' }).click()
  await expect(page.getByRole('status')).toContainText('If an account here has that email address, a link to choose a new password is on its way.')

  // No SMTP in the tests: the email is read where the app writes what it cannot send.
  let email: OutboxEmail | null = null
  await expect.poll(async () => (email = await latestEmailTo(casey.email, since))).not.toBeNull()
  expect(email!.subject).toBe('Reset your password for Demo ISP WiFi')
  const link = /(https?:\/\/\S+\/reset\?token=[0-9a-f]+)/.exec(email!.text)![1]
  expect(link).toContain(`/portal/demo-isp/${ids.downtown}/reset?token=`)

  await page.goto(link)
  await page.getByLabel('New password').fill('a-whole-new-secret')
  await page.getByRole('button', { name: 'Save the new password' }).click()
  await expect(page).toHaveURL(/\/signin\?reset=done$/)
  await expect(page.getByRole('status')).toHaveText('Your password is changed. Sign in with the new one.')
  await page.getByLabel('Email, phone number or username').fill(casey.email)
  await page.getByLabel('Password').fill(casey.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(problem(page)).toContainText('The email, phone number or password is not correct.')
  await page.getByLabel('Email, phone number or username').fill(casey.email)
  await page.getByLabel('Password').fill('a-whole-new-secret')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { name: 'My sessions' })).toBeVisible()

  // The link works once.
  await page.goto(link)
  await page.getByLabel('New password').fill('yet-another-secret')
  await page.getByRole('button', { name: 'Save the new password' }).click()
  await expect(problem(page)).toHaveText('This link to choose a new password has expired or was already used. Ask for a new one.')
  await context.close()
})

test('the RFC 8908 API tells a device its seconds remaining', async ({ browser, request, baseURL }) => {
  const missing = await request.get('/api/captive-portal')
  expect(missing.status()).toBe(400)
  expect((await request.get('/api/captive-portal?router=00000000-0000-4000-8000-000000000000')).status()).toBe(404)

  // Nothing online from this address at Main Street: captive, sent to that branch's portal.
  const captive = await request.get(`/api/captive-portal?router=${ids.otherRouter}`)
  expect(captive.headers()['content-type']).toBe('application/captive+json')
  expect(captive.headers()['cache-control']).toBe('private, no-store')
  expect(await captive.json()).toEqual({
    captive: true,
    'user-portal-url': expect.stringMatching(new RegExp(`/portal/other-isp/${ids.mainStreet}$`)),
    'venue-info-url': expect.stringMatching(new RegExp(`/portal/other-isp/${ids.mainStreet}/plans$`)),
  })

  // A device at Downtown whose address is this machine's, as the API sees its request.
  const first = await phone(browser)
  await first.page.goto(hotspot.catchDevice(device({ ip: '127.0.0.1' })))
  await enterVoucher(first.page, await voucherOf('DEMO-1HOUR'))
  await expect(first.page.getByRole('heading', { name: 'You are online' })).toBeVisible()
  const session = await sessionById(hotspot.logins.at(-1)!.session!)
  const expected = Math.floor((new Date(session.expiresAt).getTime() - Date.now()) / 1000)

  // Asked from 127.0.0.1 itself (`localhost` may resolve to ::1).
  const state = await (await request.get(`${baseURL!.replace('localhost', '127.0.0.1')}/api/captive-portal/${ids.router}`)).json()
  expect(state).toMatchObject({
    captive: false,
    'user-portal-url': expect.stringMatching(new RegExp(`/portal/demo-isp/${ids.downtown}/status$`)),
    // A voucher's time cannot be extended.
    'can-extend-session': false,
  })
  expect(state['seconds-remaining']).toBeGreaterThan(expected - 30)
  expect(state['seconds-remaining']).toBeLessThanOrEqual(expected + 1)
  expect(state['seconds-remaining']).toBeLessThanOrEqual(3600)
  expect(state).not.toHaveProperty('bytes-remaining')
  await first.context.close()

  // Another device, at an address the API does not see (behind the hotspot's NAT), on a Day
  // Pass: the browser that signed it in is found by its cookie, with its data cap.
  const second = await phone(browser)
  await second.page.goto(hotspot.catchDevice(device()))
  await enterVoucher(second.page, await voucherOf('DEMO-DAYPASS'))
  await expect(second.page.getByRole('heading', { name: 'You are online' })).toBeVisible()
  const fromBrowser = await (await second.page.request.get(`/api/captive-portal/${ids.router}`)).json()
  expect(fromBrowser).toMatchObject({ captive: false, 'bytes-remaining': 2000 * 1_048_576 })
  expect(fromBrowser['seconds-remaining']).toBeGreaterThan(24 * 3600 - 60)
  await second.context.close()
})

test('every page works with JavaScript off', async ({ browser }) => {
  const { context, page } = await phone(browser, { javaScriptEnabled: false })
  await page.goto(hotspot.catchDevice(device()))
  await enterVoucher(page, await voucherOf('DEMO-1HOUR'))
  // No script to send it: the customer taps the button that posts to the router.
  await page.getByRole('button', { name: 'Connect to the internet' }).click()
  await expect(page.getByRole('heading', { name: 'You are online' })).toBeVisible()
  await expect(page.getByTestId('time-left')).toHaveText(/^(59 min|1 h 00 min)$/)
  await shot(page, 'portal-status-no-javascript')

  await page.getByRole('link', { name: 'Plans' }).click()
  await expect(page.getByText(/^Day Pass · /)).toBeVisible()
  await expect(page.getByText('2.0 GB of data · up to 2 devices at once')).toBeVisible()
  await page.goto(`/portal/demo-isp/${ids.downtown}/signin`)
  await page.getByLabel('Email, phone number or username').fill(DEMO.customer.email)
  await page.getByLabel('Password').fill(DEMO.customer.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { name: 'My sessions' })).toBeVisible()
  await page.getByRole('link', { name: 'Help' }).click()
  await expect(page.getByTestId('my-tickets')).toContainText('Slow WiFi in the lounge')
  await context.close()
})

test('malformed and forged requests get a page that explains, and change nothing', async ({ page, request }) => {
  // A hotspot query string that cannot be right.
  await page.goto(`/portal/demo-isp/${ids.downtown}?mac=zz-not-a-mac&link-login-only=javascript:alert(1)&chap-id=%E0%A4%A`)
  await expect(page.getByText('The WiFi network did not say which device this is.')).toBeVisible()
  await expect(page.getByLabel('Voucher code')).toHaveCount(0)
  await page.goto(`/portal/demo-isp/${ids.downtown}?mac=AA:BB:CC:00:11:22&link-login-only=javascript:alert(1)`)
  await expect(page.getByText("The WiFi network's login address is missing or not valid.")).toBeVisible()
  // A login page elsewhere (even at a private address) would collect the customer's sign-in.
  await page.goto(`/portal/demo-isp/${ids.downtown}?mac=AA:BB:CC:00:11:22&link-login-only=${encodeURIComponent('http://10.9.9.9/login')}`)
  await expect(page.getByText("This page was not opened from this WiFi network's login page.")).toBeVisible()
  await expect(page.getByLabel('Voucher code')).toHaveCount(0)
  // Text in the link is not repeated as if the router had said it.
  await page.goto(`/portal/demo-isp/${ids.downtown}?error=${encodeURIComponent('Call +1-555 and give your PIN')}`)
  await expect(problem(page)).toHaveText('The WiFi network could not sign this device in. Please try again.')

  const unknown = await page.goto('/portal/no-such-isp/00000000-0000-4000-8000-000000000000')
  expect(unknown?.status()).toBe(404)
  await expect(page.getByRole('heading', { name: 'This login page does not exist' })).toBeVisible()
  // A branch of another organization is not found either.
  expect((await page.goto(`/portal/demo-isp/${ids.mainStreet}`))?.status()).toBe(404)

  // A form posted without this browser's token is refused, and the voucher stays unused.
  const code = await voucherOf('DEMO-1HOUR')
  const forged = await request.post(`/portal/demo-isp/${ids.downtown}/do/voucher`, {
    form: { code, mac: randomMac(), 'link-login-only': `http://127.0.0.1:${hotspot.port}/x/login` },
    maxRedirects: 0,
  })
  expect(forged.status()).toBe(303)
  expect(forged.headers().location).toContain('problem=expired-form')
  const voucher = (await (await admin.get(`/api/vouchers?where[code][equals]=${code}&depth=0`)).json()).docs[0]
  expect(voucher.status).toBe('AVAILABLE')
})
