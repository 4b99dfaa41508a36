/**
 * The README's RADIUS promise, as a newcomer would check it: `radtest` against the demo router
 * (127.0.0.1, secret testing123) with a demo voucher gets an Access-Accept with the plan's rate
 * limit and time, and the accounting that follows shows on the session in /admin.
 */
import { expect, test } from '@playwright/test'

import { DEMO, signInOverRest, signInToAdmin } from './helpers'
import { radclient, radtest } from './radius'

test('radtest with a demo voucher is accepted, and its accounting shows in the admin panel', async ({ page, request }) => {
  await signInOverRest(request, DEMO.manager)
  const vouchers = await (await request.get('/api/vouchers?where[batchId][equals]=DEMO-1HOUR&where[status][equals]=AVAILABLE&limit=1&depth=0')).json()
  const code: string = vouchers.docs[0].code

  const stdout = await radtest(code)
  expect(stdout).toContain('Received Access-Accept')
  expect(stdout).toContain('Mikrotik-Rate-Limit = "5M/10M"')
  expect(stdout).toMatch(/Session-Timeout = 3[56]\d\d/)
  const classHex = /Class = 0x([0-9a-f]+)/.exec(stdout)![1]
  const sessionId = Buffer.from(classHex, 'hex').toString('utf8').replace('beacon:', '')

  const common = `Acct-Session-Id = "e2e-${code}"\nClass = 0x${classHex}\nCalling-Station-Id = "A4-5E-60-E2-E2-01"\nFramed-IP-Address = 10.5.50.99\n`
  expect(await radclient('acct', `Acct-Status-Type = Start\n${common}`)).toContain('Received Accounting-Response')
  const interim = `Acct-Status-Type = Interim-Update\n${common}Acct-Output-Octets = 1073741824\nAcct-Output-Gigawords = 1\nAcct-Session-Time = 300\n`
  expect(await radclient('acct', interim)).toContain('Received Accounting-Response')

  await signInToAdmin(page, DEMO.manager)
  await expect(page).toHaveURL(/\/admin$/)
  await page.goto(`/admin/collections/sessions/${sessionId}`)
  await expect(page.locator('input[name="usage.dataMB"]')).toHaveValue('5120')
  await expect(page.locator('input[name="usage.lastIp"]')).toHaveValue('10.5.50.99')
  await expect(page.locator('input[name="acctSessionId"]')).toHaveValue(`e2e-${code}`)
  await expect(page.locator('input[name="deviceMac"]')).toHaveValue('A4:5E:60:E2:E2:01')
  const stored = await (await request.get(`/api/sessions/${sessionId}?depth=0`)).json()
  expect(stored).toMatchObject({ status: 'active', usage: { dataMB: 5120, lastIp: '10.5.50.99' } })
})
