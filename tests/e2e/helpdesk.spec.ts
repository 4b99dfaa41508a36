/**
 * The helpdesk in the built app: seed 002's figures over HTTP, the admin panel's read-only time
 * sessions, and a timer started and stopped over HTTP by an agent made for the test (the demo
 * agents' time stays as seeded for the dashboard's tests).
 */
import { expect, test } from '@playwright/test'

import { DEMO, demoIds, signInOverRest, signInToAdmin } from './helpers'

let ids: Awaited<ReturnType<typeof demoIds>>

test.beforeAll(async ({ request }) => {
  ids = await demoIds(request)
})

async function ticketNumbered(request: Parameters<typeof signInOverRest>[0], number: number): Promise<{ id: string; totalTimeSpent: number; title: string }> {
  const response = await request.get(`/api/tickets?where[number][equals]=${number}&where[organization][equals]=${ids.demo}&depth=0`)
  const body = await response.json()
  expect(body.docs).toHaveLength(1)
  return body.docs[0]
}

test("seed 002 over HTTP: ticket #1's 120 minutes by John Tech, and his list", async ({ request }) => {
  await signInOverRest(request, { email: 'lead@demo-isp.test', password: 'beacon-lead-1' })
  const first = await ticketNumbered(request, 1)
  expect(first).toMatchObject({ title: 'Email not working', totalTimeSpent: 120 })
  const list = await (await request.get(`/api/tickets/${first.id}/time-sessions`)).json()
  expect(list.docs.map((entry: { agentName: string; durationMinutes: number; note: string }) => [entry.agentName, entry.durationMinutes, entry.note])).toEqual([
    ['John Tech', 120, 'Fixed Azure AD sync issue'],
  ])
  // His list holds the seeded session (the dashboard's tests, which run first, book more of his time).
  const johns = await (await request.get(`/api/users/${ids.tech1}/time-sessions?limit=100`)).json()
  const seeded = johns.docs.filter((entry: { ticket: string }) => entry.ticket === first.id)
  expect(seeded.map((entry: { durationMinutes: number }) => entry.durationMinutes)).toEqual([120])
})

test('an agent starts a timer, a second start gets the seed message, and the stop sets the duration', async ({ request }) => {
  await signInOverRest(request, DEMO.orgAdmin)
  const email = `timer-${Date.now()}@demo-isp.test`
  const created = await request.post('/api/users', {
    data: { email, password: 'a-long-password-1', name: 'Timer Agent', memberships: [{ organization: ids.demo, role: 'agent' }] },
  })
  expect(created.status()).toBe(201)
  await request.post('/api/users/logout')
  await signInOverRest(request, { email, password: 'a-long-password-1' })

  const ticket = await ticketNumbered(request, 4)
  const start = await request.post('/api/time-sessions/start', { data: { ticket: ticket.id, note: 'On the phone with Alice' } })
  expect(start.status()).toBe(201)
  const entry = await start.json()
  expect(entry).toMatchObject({ agentName: 'Timer Agent', kind: 'timer' })

  const again = await request.post('/api/time-sessions/start', { data: { ticket: ticket.id } })
  expect(again.status()).toBe(409)
  expect((await again.json()).errors[0].message).toBe('You have an active session. Please stop it before starting a new one.')

  const stop = await request.post('/api/time-sessions/stop', { data: { session: entry.id } })
  expect(stop.status()).toBe(200)
  expect(await stop.json()).toMatchObject({ id: entry.id, durationMinutes: 0 })

  const csv = await request.get(`/api/time-sessions/export?from=2020-01-01&to=2020-01-31`)
  expect(csv.status()).toBe(200)
  expect(csv.headers()['content-type']).toMatch(/^text\/csv/)
  expect((await csv.text()).split('\n')[0]).toBe('date,start,end,time_zone,minutes,kind,agent,ticket,ticket_title,note,correction_reason,auto_stopped')
})

test('the admin panel lists tickets with their totals and shows time sessions read-only', async ({ page }) => {
  await signInToAdmin(page, { email: 'lead@demo-isp.test', password: 'beacon-lead-1' })
  await expect(page.getByRole('link', { name: 'Tickets' }).first()).toBeVisible()
  await page.goto('/admin/collections/tickets')
  const table = page.locator('table')
  await expect(table.getByText('Email not working')).toBeVisible()
  await expect(table.getByText('Laptop running slow')).toBeVisible()

  // The description is rich text: the Lexical editor renders it (it needs the import map).
  await table.getByRole('link', { name: '1', exact: true }).click()
  await expect(page.locator('#field-title')).toHaveValue('Email not working')
  await expect(page.getByText('Alice cannot send email from her laptop since this morning.')).toBeVisible()
  await expect(page.locator('#field-totalTimeSpent')).toHaveValue('120')

  await page.goto('/admin/collections/time-sessions')
  await expect(page.locator('table').getByText('Fixed Azure AD sync issue')).toBeVisible()
  await expect(page.getByRole('link', { name: /create new/i })).toHaveCount(0)
})

test('a customer cannot see time sessions, and sees only the tickets they opened', async ({ request }) => {
  await signInOverRest(request, DEMO.customer)
  expect((await request.get('/api/time-sessions')).status()).toBe(403)
  const tickets = await (await request.get('/api/tickets?depth=0')).json()
  expect(tickets.docs.length).toBeGreaterThan(0)
  expect(tickets.docs.every((ticket: { requester: string }) => ticket.requester === ids.alice)).toBe(true)
})
