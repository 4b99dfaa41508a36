/**
 * Staff "Forgot password" over the API: the same answer, as fast, whether the address has an
 * account or not; the email that follows carries a link to Beacon's own address.
 */
import { mkdtemp, readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { beforeAll, describe, expect, it } from 'vitest'

import { loadWorld, unique, type World } from '../helpers/fixtures'
import { RestClient } from '../helpers/rest'

let world: World

beforeAll(async () => {
  world = await loadWorld()
})

type Sent = { to: string; subject: string; text: string }

async function outbox(folder: string): Promise<Sent[]> {
  const names = (await readdir(folder).catch(() => [] as string[])).sort()
  return Promise.all(names.map(async (name) => JSON.parse(await readFile(path.join(folder, name), 'utf8')) as Sent))
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (done(value) || Date.now() > deadline) return value
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** A new agent of Demo ISP, and a reader of the reset token saved on their account. */
async function newStaff(name: string) {
  const email = `${unique('staff')}@example.test`
  const staff = await world.payload.create({
    collection: 'users',
    data: { email, password: 'a-long-password-1', name, memberships: [{ organization: world.organizations.demo, role: 'agent' }] } as never,
  })
  const resetToken = async () =>
    ((await world.payload.findByID({ collection: 'users', id: staff.id, depth: 0, showHiddenFields: true })) as { resetPasswordToken?: string | null }).resetPasswordToken
  return { email, resetToken }
}

describe('a staff member who forgot their password', () => {
  it('is answered as anyone is, and then emailed a link to Beacon itself, whatever Host the request named', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'beacon-outbox-'))
    process.env.BEACON_EMAIL_OUTBOX = folder
    const { email } = await newStaff('Forgetful')
    const client = RestClient.anonymous({ headers: { host: 'evil.example', 'x-beacon-client-ip': '198.51.100.77' } })

    const known = await client.post('/api/users/forgot-password', { email })
    const unknown = await client.post('/api/users/forgot-password', { email: `${unique('nobody')}@example.test` })
    expect(known.status).toBe(200)
    expect(unknown.status).toBe(200)
    expect(known.body).toEqual(unknown.body)

    const [message] = await until(() => outbox(folder), (sent) => sent.length > 0)
    expect(message).toMatchObject({ to: email, subject: 'Reset your Beacon password' })
    const link = /(https?:\/\/\S+\/admin\/reset\/[0-9a-f]+)/.exec(message.text)?.[1]
    expect(link).toMatch(new RegExp(`^(${process.env.BEACON_PUBLIC_URL ?? 'http://localhost:\\d+'})/admin/reset/`))
    expect(link).not.toContain('evil.example')
    // Only the one address with an account got mail.
    expect(await outbox(folder)).toHaveLength(1)
  })

  it('is answered before anything is done with the account, so the answer takes as long for any address', async () => {
    const { email, resetToken: token } = await newStaff('Timed')
    expect((await RestClient.anonymous().post('/api/users/forgot-password', { email })).status).toBe(200)
    // Before, Payload saved the token and sent the email first, which took several times as long.
    expect(await token()).toBeFalsy()
    expect(await until(token, Boolean)).toMatch(/^[0-9a-f]{40}$/)
  })

  it('is answered the same way over GraphQL, before anything is done with the account', async () => {
    const { email, resetToken: token } = await newStaff('Queried')
    const ask = (address: string) => RestClient.anonymous().graphql('mutation ($email: String!) { forgotPasswordUser(email: $email) }', { email: address })
    const known = await ask(email)
    const unknown = await ask(`${unique('nobody')}@example.test`)
    expect(known.body).toEqual({ data: { forgotPasswordUser: true } })
    expect(unknown.body).toEqual(known.body)
    expect(await token()).toBeFalsy()
    expect(await until(token, Boolean)).toMatch(/^[0-9a-f]{40}$/)
    // Only server code may have the token handed back instead of emailed.
    const handBack = await RestClient.anonymous().graphql('mutation ($email: String!) { forgotPasswordUser(email: $email, disableEmail: true) }', { email })
    expect(handBack.body.errors?.[0]?.message).toMatch(/disableEmail/)
  })
})
