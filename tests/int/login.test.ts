/** Who may sign in, what they are told when they may not, and lockout after repeated failures. */
import { beforeAll, describe, expect, it } from 'vitest'

import { REFUSED_SIGN_IN_FLOOR_MS, UnknownAddressLockouts } from '@/plugins/tenancy/collections/Users/hooks/equalizeSignInTime'

import { loadWorld, unique, type World } from '../helpers/fixtures'
import { RestClient } from '../helpers/rest'

let world: World

beforeAll(async () => {
  world = await loadWorld()
})

const PASSWORD = 'a-long-password-1'

async function makeUser(overrides: Record<string, unknown>) {
  const email = `${unique('login')}@example.test`
  await world.payload.create({
    collection: 'users',
    data: { email, password: PASSWORD, name: 'Login Test', ...overrides } as never,
  })
  return email
}

const login = (email: string, password = PASSWORD) =>
  world.payload.login({ collection: 'users', data: { email, password } })

describe('signing in', () => {
  it('works for an active member with the right password', async () => {
    const result = await login('admin@demo-isp.test', 'beacon-admin-1')
    expect(result.token).toBeTruthy()
    expect(result.user?.email).toBe('admin@demo-isp.test')
  })

  it('answers a wrong password and an unknown email alike (401)', async () => {
    const wrong = await login('admin@demo-isp.test', 'not-the-password').catch((error) => error)
    const unknown = await login('nobody@example.test', 'whatever-1').catch((error) => error)
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(wrong.message).toBe(unknown.message)
  })

  it('refuses a suspended account with a reason', async () => {
    const email = await makeUser({ status: 'SUSPENDED', memberships: [{ organization: world.organizations.demo, role: 'agent' }] })
    await expect(login(email)).rejects.toMatchObject({ status: 403, message: expect.stringMatching(/suspended/i) })
  })

  it('refuses a deleted account with a reason', async () => {
    const email = await makeUser({ status: 'DELETED', memberships: [{ organization: world.organizations.demo, role: 'agent' }] })
    await expect(login(email)).rejects.toMatchObject({ status: 403, message: expect.stringMatching(/deleted/i) })
  })

  it.each(['SUSPENDED', 'EXPIRED'])('refuses members of a %s organization, but not super-admins', async (status) => {
    const { payload } = world
    const slug = unique('locked')
    const organization = await payload.create({ collection: 'organizations', data: { name: slug, slug, status: status as 'SUSPENDED', timeZone: 'UTC', currency: 'USD' } })
    const member = await makeUser({ memberships: [{ organization: organization.id, role: 'org-admin' }] })
    await expect(login(member)).rejects.toMatchObject({ status: 403, message: expect.stringMatching(/suspended or has expired/) })

    const superAdmin = await makeUser({ isSuperAdmin: true, memberships: [{ organization: organization.id, role: 'org-admin' }] })
    await expect(login(superAdmin)).resolves.toMatchObject({ user: { email: superAdmin } })
  })

  it('lets a member of one locked and one active organization in, with access to the active one only', async () => {
    const { payload, organizations } = world
    const slug = unique('locked')
    const locked = await payload.create({ collection: 'organizations', data: { name: slug, slug, status: 'SUSPENDED', timeZone: 'UTC', currency: 'USD' } })
    const email = await makeUser({
      memberships: [
        { organization: locked.id, role: 'org-admin' },
        { organization: organizations.demo, role: 'viewer' },
      ],
    })
    const user = (await login(email)).user!
    const visible = await payload.find({
      collection: 'organizations',
      where: { id: { in: [locked.id, organizations.demo] } },
      user: { ...user, collection: 'users' },
      overrideAccess: false,
      depth: 0,
    })
    expect(visible.docs.map((doc) => String(doc.id))).toEqual([organizations.demo])
  })

  it('refuses someone who belongs to no organization', async () => {
    const email = await makeUser({ memberships: [] })
    await expect(login(email)).rejects.toMatchObject({ status: 403, message: expect.stringMatching(/not a member/) })
  })

  it('locks an account after 5 wrong passwords, even against the right one', async () => {
    const email = await makeUser({ memberships: [{ organization: world.organizations.demo, role: 'agent' }] })
    for (let attempt = 0; attempt < 5; attempt++) {
      await expect(login(email, 'wrong-password')).rejects.toBeTruthy()
    }
    const locked = await login(email).catch((error) => error)
    expect(locked.status).not.toBe(200)
    expect(locked.message).toMatch(/locked/i)
  })
})

describe('sign-in timing tells nobody who has an account', () => {
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
  /** CPU time (ms) the process spent on one refusal: what an attacker times, without other processes' noise. */
  const refusalTime = async (email: string, password: string) => {
    const started = process.cpuUsage()
    await expect(login(email, password)).rejects.toBeTruthy()
    const { user, system } = process.cpuUsage(started)
    return (user + system) / 1000
  }
  async function medianRefusalTime(attempt: (round: number) => [email: string, password: string]) {
    const times: number[] = []
    for (let round = 0; round < 4; round++) times.push(await refusalTime(...attempt(round)))
    return median(times)
  }

  // A wrong password costs a PBKDF2 check (600,000 rounds); refusals that skipped it answered in a
  // sixth of the time. Compared as ratios of medians of the CPU time each took.
  it('an unknown email and a locked-out account take as long as a wrong password', async () => {
    const known = await makeUser({ memberships: [{ organization: world.organizations.demo, role: 'agent' }] })
    const lockedOut = await makeUser({ memberships: [{ organization: world.organizations.demo, role: 'agent' }] })
    for (let attempt = 0; attempt < 5; attempt++) await login(lockedOut, 'wrong-password').catch(() => undefined)
    await expect(login(lockedOut)).rejects.toMatchObject({ message: expect.stringMatching(/locked/i) })

    // Warm-up: the first PBKDF2 and query plans are slower.
    await refusalTime(`${unique('nobody')}@example.test`, 'wrong-password')
    const wrongPassword = await medianRefusalTime(() => [known, 'wrong-password'])
    const unknownEmail = await medianRefusalTime(() => [`${unique('nobody')}@example.test`, 'wrong-password'])
    const locked = await medianRefusalTime(() => [lockedOut, 'wrong-password'])
    expect(unknownEmail / wrongPassword, `unknown ${unknownEmail} ms, wrong password ${wrongPassword} ms`).toBeGreaterThan(0.6)
    expect(locked / wrongPassword, `locked ${locked} ms, wrong password ${wrongPassword} ms`).toBeGreaterThan(0.6)
  })
})

describe('lockout tells nobody who has an account', () => {
  it('an unknown address is answered as an account is, try after try: a wrong password five times, then locked', async () => {
    const known = await makeUser({ memberships: [{ organization: world.organizations.demo, role: 'agent' }] })
    const unknown = `${unique('nobody')}@example.test`
    const answers = async (email: string) => {
      const client = RestClient.anonymous({ headers: { 'x-beacon-client-ip': `198.51.100.${10 + Math.floor(Math.random() * 200)}` } })
      const seen: string[] = []
      for (let attempt = 0; attempt < 7; attempt++) {
        const response = await client.post<{ errors?: { message: string }[] }>('/api/users/login', { email, password: 'not-the-password' })
        seen.push(`${response.status} ${response.body.errors?.[0]?.message}`)
      }
      return seen
    }
    const account = await answers(known)
    expect(account.slice(5).every((answer) => /locked/i.test(answer))).toBe(true)
    expect(await answers(unknown)).toEqual(account)
  })

  it("an unknown address's lock lapses after the lock time, and its count starts again", () => {
    const lockouts = new UnknownAddressLockouts(3, 60_000)
    const at = (seconds: number) => 1_000_000 + seconds * 1000
    expect([0, 1, 2].map((second) => lockouts.refuse('a@example.test', at(second)))).toEqual([false, false, false])
    expect(lockouts.refuse('a@example.test', at(3))).toBe(true)
    expect(lockouts.refuse('b@example.test', at(3))).toBe(false)
    expect(lockouts.refuse('a@example.test', at(61))).toBe(true)
    // A minute after the third refusal: one more try, counted as the first of a new count.
    expect([62, 63, 64].map((second) => lockouts.refuse('a@example.test', at(second)))).toEqual([false, false, false])
    expect(lockouts.refuse('a@example.test', at(65))).toBe(true)
  })
})

describe('a refused sign-in over the API', () => {
  // What differs after the password check (a wrong password is counted on its account) stays
  // below a floor that every refusal waits for.
  it.each([
    ['an unknown address', () => `${unique('nobody')}@example.test`],
    ['a wrong password', () => 'admin@demo-isp.test'],
  ])('is answered no sooner than the floor: %s, over REST and GraphQL', async (_, address) => {
    const client = RestClient.anonymous({ headers: { 'x-beacon-client-ip': `198.51.100.${10 + Math.floor(Math.random() * 200)}` } })
    let started = performance.now()
    expect((await client.post('/api/users/login', { email: address(), password: 'not-the-password' })).status).toBe(401)
    expect(performance.now() - started).toBeGreaterThanOrEqual(REFUSED_SIGN_IN_FLOOR_MS - 5)
    started = performance.now()
    const graphql = await client.graphql('mutation ($email: String!) { loginUser(email: $email, password: "not-the-password") { token } }', { email: address() })
    expect(graphql.body.errors?.length).toBeGreaterThan(0)
    expect(performance.now() - started).toBeGreaterThanOrEqual(REFUSED_SIGN_IN_FLOOR_MS - 5)
  })
})

describe('a token outlives the right to use it', () => {
  it('a user suspended after signing in can no longer read anything, not even themselves', async () => {
    const { payload, organizations } = world
    const email = await makeUser({ memberships: [{ organization: organizations.demo, role: 'org-admin' }] })
    const user = (await login(email)).user!
    await payload.update({ collection: 'users', id: user.id, data: { status: 'SUSPENDED' } })
    const suspended = await payload.findByID({ collection: 'users', id: user.id, depth: 0 })
    const asSuspended = { user: { ...suspended, collection: 'users' as const }, overrideAccess: false, depth: 0 }
    await expect(payload.findByID({ collection: 'users', id: user.id, ...asSuspended })).rejects.toMatchObject({ status: 403 })
    await expect(payload.find({ collection: 'locations', ...asSuspended })).rejects.toMatchObject({ status: 403 })
  })
})
