/**
 * Each role's daily forms, filled in and saved in the admin panel as a person does it, and the
 * results then used for real: the router made in the form answers RADIUS from its own address
 * with the secret typed in the form, the customer made there signs in over it with the plan made
 * there, the staff member made there signs in and opens a ticket, and the branch manager's new
 * voucher batch logs a device in. (API tests alone once hid that no router could be added here.)
 */
import { randomBytes } from 'node:crypto'

import { expect, type Page, test } from '@playwright/test'

import { decodeAttributes, RADIUS_CODES } from '../../radius-service/src/protocol/packet'
import { hidePassword } from '../../radius-service/src/protocol/pap'
import { FakeRouterOs } from '../../radius-service/tests/helpers/fakeRouterOs'
import { DEMO, signInToAdmin } from './helpers'
import { accessRequest, exchange, radclient } from './radius'
import { RADIUS_PORTS } from './radiusPorts'

test.describe.configure({ mode: 'serial' })

const tag = randomBytes(3).toString('hex')
/** Another router on this machine: any loopback address is this host, and none is the demo router's. */
const routerAddress = `127.0.${1 + (randomBytes(1)[0] % 250)}.${2 + (randomBytes(1)[0] % 250)}`
const secret = `typed-in-the-form-${tag}`
const branchName = `Harbour ${tag}`
const planName = `Home 8M ${tag}`
const customer = { name: `Cathy ${tag}`, email: `cathy-${tag}@example.test`, username: `cathy${tag}`, password: `cathy-password-${tag}` }
const staff = { name: `Sam ${tag}`, email: `sam-${tag}@example.test`, password: `sam-password-${tag}` }

/** Picks an option in one of Payload's select or relationship inputs. */
async function choose(page: Page, field: string, option: string | RegExp) {
  await page.locator(`#field-${field} .rs__control`).click()
  await page.locator('.rs__option', { hasText: option }).first().click()
}

/** Saves the form and waits until Payload confirms it; gives back the saved document's id. */
async function save(page: Page): Promise<string> {
  await page.locator('#action-save').click()
  await expect(page.locator('.payload-toast-container')).toContainText(/successfully/i)
  await expect(page).not.toHaveURL(/\/create$/)
  return page.url().split('/').pop()!.split('?')[0]
}

/** A voucher login as the demo router sends it for a device (radclient, PAP); what radclient printed. */
const voucherLogin = (code: string) =>
  radclient('auth', `User-Name = "${code}"\nUser-Password = "${code}"\nCalling-Station-Id = "02-00-00-00-7B-${randomBytes(1).toString('hex')}"\n`)

/** A PAP Access-Request from the router at `from` with `routerSecret`, as RouterOS sends it. */
async function papLogin(from: string, routerSecret: string, userName: string, password: string) {
  const reply = await exchange(
    accessRequest(routerSecret, (authenticator) => [
      ['User-Name', userName],
      ['User-Password', hidePassword(password, routerSecret, authenticator)],
      ['Calling-Station-Id', '02:00:00:00:7A:01'],
      ['NAS-Port-Type', 'Ethernet'],
      ['Service-Type', 'Framed-User'],
    ]),
    RADIUS_PORTS.auth,
    { from },
  )
  if (!reply) return { answer: 'no answer' as const, attributes: {} as Record<string, unknown> }
  const answer = reply[0] === RADIUS_CODES['Access-Accept'] ? ('Access-Accept' as const) : ('Access-Reject' as const)
  return { answer, attributes: decodeAttributes(reply).attributes }
}

/** The new router's RouterOS API, answering the health check only to the login typed in the form. */
const routerOs = new FakeRouterOs()
test.afterAll(() => routerOs.stop())

test('an org-admin adds a branch, a plan, a router, a staff member and a customer, and each works', async ({ page }) => {
  test.setTimeout(180_000)
  routerOs.password = `api-${secret}`
  routerOs.identity = `Harbour-${tag}`
  await routerOs.start({ host: routerAddress })
  await signInToAdmin(page, DEMO.orgAdmin)
  await expect(page).toHaveURL(/\/admin$/)

  // A branch, then an edit of it.
  await page.goto('/admin/collections/locations/create')
  await page.locator('#field-name').fill(branchName)
  await page.locator('#field-address').fill('1 Quay Road')
  const branch = await save(page)
  await page.locator('#field-address').fill('2 Quay Road')
  await save(page)
  await page.reload()
  await expect(page.locator('#field-address')).toHaveValue('2 Quay Road')

  // A plan.
  await page.goto('/admin/collections/plans/create')
  await page.locator('#field-name').fill(planName)
  await choose(page, 'type', 'PPPoE')
  await page.locator('#field-downloadMbps').fill('8')
  await page.locator('#field-uploadMbps').fill('4')
  await page.locator('#field-validityMinutes').fill('43200')
  await page.locator('#field-devicesAllowed').fill('2')
  await page.locator('#field-price').fill('1500')
  await save(page)

  // A router at the new branch, with its RADIUS secret and RouterOS API login typed in.
  await page.goto('/admin/collections/routers/create')
  await expect(page.locator('#field-secret')).toBeEditable()
  await expect(page.locator('#field-secret')).toHaveAttribute('type', 'password')
  await page.locator('#field-name').fill(`Harbour router ${tag}`)
  await page.locator('#field-ipAddress').fill(routerAddress)
  await page.locator('#field-secret').fill(secret)
  await page.locator('#field-api__port').fill(String(routerOs.port))
  await page.locator('#field-api__username').fill('beacon')
  await page.locator('#field-api__password').fill(`api-${secret}`)
  await choose(page, 'location', branchName)
  const router = await save(page)
  // Saved, the secrets read back empty; an edit that leaves them empty keeps them.
  await page.reload()
  await expect(page.locator('#field-secret')).toHaveValue('')
  await expect(page.locator('#field-api__password')).toHaveValue('')
  await page.locator('#field-name').fill(`Harbour router ${tag} (quay)`)
  await save(page)

  // A staff member of the new branch.
  await page.goto('/admin/collections/users/create')
  await page.locator('#field-email').fill(staff.email)
  await page.locator('#field-password').fill(staff.password)
  await page.locator('#field-confirm-password').fill(staff.password)
  await page.locator('#field-name').fill(staff.name)
  await page.getByRole('button', { name: 'Add Membership' }).click()
  await choose(page, 'memberships__0__organization', 'Demo ISP')
  await choose(page, 'memberships__0__role', 'Agent')
  await choose(page, 'memberships__0__locations', branchName)
  await save(page)

  // A subscriber on the new plan.
  await page.goto('/admin/collections/users/create')
  await page.locator('#field-email').fill(customer.email)
  await page.locator('#field-password').fill(customer.password)
  await page.locator('#field-confirm-password').fill(customer.password)
  await page.locator('#field-name').fill(customer.name)
  await page.locator('#field-username').fill(customer.username)
  await page.getByRole('button', { name: 'Add Membership' }).click()
  await choose(page, 'memberships__0__organization', 'Demo ISP')
  await choose(page, 'memberships__0__role', 'Customer')
  await choose(page, 'memberships__0__locations', branchName)
  await choose(page, 'customer__plan', planName)
  const customerId = await save(page)
  await page.locator('#field-phone').fill(`+2547${tag.replace(/\D/g, '').padEnd(8, '1').slice(0, 8)}`)
  await save(page)

  // The router made in the form: from its own address, with the secret typed there, the
  // subscriber made there gets in on the plan made there.
  const accepted = await papLogin(routerAddress, secret, customer.username, customer.password)
  expect(accepted.answer).toBe('Access-Accept')
  expect(accepted.attributes['Mikrotik-Rate-Limit']).toMatch(/^4M\/8M/)
  // Another secret, or the right secret from another address, is not that router.
  expect((await papLogin(routerAddress, `${secret}-wrong`, customer.username, customer.password)).answer).toBe('no answer')
  expect((await papLogin('127.0.0.9', secret, customer.username, customer.password)).answer).toBe('no answer')

  // The API login typed in the form: the minutely health check signs in to the router's RouterOS
  // API with it and reads the router's identity.
  await expect(async () => {
    await page.goto(`/admin/collections/routers/${router}`)
    await expect(page.locator('#field-identity')).toHaveValue(`Harbour-${tag}`, { timeout: 2_000 })
  }).toPass({ timeout: 90_000, intervals: [5_000] })
  expect(branch && customerId).toBeTruthy()
})

test("an org-admin types the organization's M-Pesa and SMS keys, which are kept and never shown again", async ({ page }) => {
  await signInToAdmin(page, DEMO.orgAdmin)
  await expect(page).toHaveURL(/\/admin$/)
  const found = await (await page.request.get('/api/organizations?where[slug][equals]=demo-isp&depth=0')).json()
  const demo = String(found.docs[0].id)
  await page.goto(`/admin/collections/organizations/${demo}`)
  const keys = { consumerKey: `ck-${tag}`, consumerSecret: `cs-${tag}`, passkey: `pk-${tag}` }
  for (const [name, value] of Object.entries(keys)) {
    const input = page.locator(`#field-settings__gateways__mpesa__${name}`)
    await expect(input).toBeEditable()
    await expect(input).toHaveAttribute('type', 'password')
    await input.fill(value)
  }
  await page.locator('#field-settings__gateways__mpesa__shortCode').fill(`17${tag.replace(/\D/g, '').padEnd(4, '7').slice(0, 4)}`)
  await expect(page.locator('#field-settings__gateways__sms__apiKey')).toHaveAttribute('type', 'password')
  await page.locator('#field-settings__gateways__sms__apiKey').fill(`sms-${tag}`)
  await save(page)

  await page.reload()
  for (const name of [...Object.keys(keys), 'sms']) {
    const input = page.locator(name === 'sms' ? '#field-settings__gateways__sms__apiKey' : `#field-settings__gateways__mpesa__${name}`)
    await expect(input).toHaveValue('')
  }
  // The settings saved beside the keys read back; the keys themselves nowhere.
  await expect(page.locator('#field-settings__gateways__mpesa__shortCode')).toHaveValue(/^17\d{4}$/)
  const body = await (await page.request.get(`/api/organizations/${demo}?depth=0`)).text()
  for (const value of [...Object.values(keys), `sms-${tag}`]) expect(body).not.toContain(value)
  expect(JSON.parse(body).settings.gateways.mpesa.shortCode).toMatch(/^17\d{4}$/)
})

test('the staff member made in the form signs in and opens a ticket for the customer', async ({ page }) => {
  await signInToAdmin(page, staff)
  await expect(page).toHaveURL(/\/admin$/)
  await page.goto('/admin/collections/tickets/create')
  await page.locator('#field-title').fill(`Slow at night ${tag}`)
  await choose(page, 'priority', 'High')
  await choose(page, 'requester', customer.name)
  await choose(page, 'location', branchName)
  await save(page)
  await expect(page.locator('#field-number')).not.toHaveValue('')
  await choose(page, 'status', 'In progress')
  await save(page)
  await page.reload()
  await expect(page.locator('#field-status')).toContainText('In progress')
})

test('an agent opens and updates a ticket in the admin panel', async ({ page }) => {
  await signInToAdmin(page, DEMO.agent)
  await expect(page).toHaveURL(/\/admin$/)
  await page.goto('/admin/collections/tickets/create')
  await page.locator('#field-title').fill(`Router blinking red ${tag}`)
  await choose(page, 'requester', 'Alice')
  await save(page)
  await choose(page, 'priority', 'Urgent')
  await save(page)
  await page.reload()
  await expect(page.locator('#field-priority')).toContainText('Urgent')
})

test('a branch manager generates a voucher batch in the admin panel, and its codes log devices in', async ({ page, context }) => {
  await signInToAdmin(page, DEMO.manager)
  await expect(page).toHaveURL(/\/admin$/)
  await page.goto('/admin/collections/vouchers')
  await page.getByRole('button', { name: 'Generate a batch' }).click()
  const form = page.getByRole('form', { name: 'Generate a batch of vouchers' })
  await form.getByLabel('Plan').selectOption({ label: '1 Hour' })
  await form.getByLabel('How many').fill('3')
  // A branch manager makes vouchers for their own branch only.
  await expect(form.getByLabel('Branch').locator('option')).toHaveText(['Downtown'])
  await form.getByLabel('Code prefix (optional)').fill(`M${tag.slice(0, 3)}`.toUpperCase())
  // The last day of use, typed as Demo ISP writes dates; it ends at midnight in Downtown's zone.
  const lastDay = new Date(Date.now() + 30 * 86_400_000)
  const typedDay = [lastDay.getUTCDate(), lastDay.getUTCMonth() + 1].map((part) => String(part).padStart(2, '0')).join('/') + `/${lastDay.getUTCFullYear()}`
  await form.getByLabel(/Last day to use \(optional, East Africa Time/).fill(typedDay)
  await form.getByLabel(/Last day to use/).press('Escape')
  await form.getByRole('button', { name: 'Generate' }).click()
  await expect(form.getByRole('status')).toContainText('3 vouchers ready')
  const batchId = (await form.getByRole('status').locator('code').innerText()).trim()

  const sheet = form.getByRole('link', { name: 'Open the printable sheet' })
  const [sheetPage] = await Promise.all([context.waitForEvent('page'), sheet.click()])
  await expect(sheetPage.locator('body')).toContainText(`M${tag.slice(0, 3)}`.toUpperCase())
  const codes = await sheetPage.locator('.code').allInnerTexts()
  expect(codes).toHaveLength(3)
  await expect(sheetPage.locator('.valid-until').first()).toHaveText(`Use before ${typedDay} 23:59`)

  // The new batch is in the list, and a code from it logs a device in at Downtown's router.
  await page.goto(`/admin/collections/vouchers?where[batchId][equals]=${batchId}`)
  await expect(page.locator('.table tbody tr')).toHaveCount(3)
  expect(await voucherLogin(codes[0].trim())).toContain('Received Access-Accept')

  // The manager edits a voucher: one taken off sale no longer logs in.
  await page.locator('.table tbody tr', { hasText: codes[1].trim() }).locator('a').first().click()
  await choose(page, 'status', 'Expired')
  await save(page)
  expect(await voucherLogin(codes[1].trim())).toContain('Received Access-Reject')
})
