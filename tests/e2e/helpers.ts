import { expect, type APIRequestContext, type Page } from '@playwright/test'

export const DEMO = {
  super: { email: 'super@beacon.test', password: 'beacon-super-1' },
  orgAdmin: { email: 'admin@demo-isp.test', password: 'beacon-admin-1' },
  manager: { email: 'manager@demo-isp.test', password: 'beacon-manager-1' },
  agent: { email: 'tech2@demo-isp.test', password: 'beacon-tech-2' },
  customer: { email: 'alice@demo-isp.test', password: 'beacon-alice-1' },
  otherAdmin: { email: 'admin@other-isp.test', password: 'beacon-other-1' },
} as const

export type Credentials = { email: string; password: string }

/** Signs in through the admin panel's own form, as a person would. */
export async function signInToAdmin(page: Page, { email, password }: Credentials) {
  await page.goto('/admin/login')
  await page.locator('#field-email').fill(email)
  await page.locator('#field-password').fill(password)
  await page.getByRole('button', { name: /log ?in/i }).click()
}

/** Signs in over REST; the request context keeps the auth cookie for later calls. */
export async function signInOverRest(request: APIRequestContext, { email, password }: Credentials) {
  const response = await request.post('/api/users/login', { data: { email, password } })
  expect(response.status(), `sign-in of ${email}`).toBe(200)
}

/** Ids of the demo records, looked up by the super-admin. */
export async function demoIds(request: APIRequestContext) {
  await signInOverRest(request, DEMO.super)
  const find = async (collection: string, where: string) => {
    const response = await request.get(`/api/${collection}?${where}&depth=0&limit=1`)
    const body = await response.json()
    expect(body.docs, `${collection} ${where}`).toHaveLength(1)
    return String(body.docs[0].id)
  }
  const ids = {
    demo: await find('organizations', 'where[slug][equals]=demo-isp'),
    other: await find('organizations', 'where[slug][equals]=other-isp'),
    downtown: await find('locations', 'where[name][equals]=Downtown'),
    airport: await find('locations', 'where[name][equals]=Airport'),
    mainStreet: await find('locations', 'where[name][equals]=Main%20Street'),
    alice: await find('users', 'where[email][equals]=alice@demo-isp.test'),
    tech1: await find('users', 'where[email][equals]=tech1@demo-isp.test'),
  }
  await request.post('/api/users/logout')
  return ids
}
