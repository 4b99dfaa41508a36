/**
 * A customer's sign-in names (email, username, phone number) name one customer per organization,
 * so nobody can make another customer's sign-in ambiguous by taking their phone number or by
 * choosing a username that reads as it. The rule holds in the database too.
 */
import { sql } from '@payloadcms/db-postgres'
import { beforeAll, describe, expect, it } from 'vitest'

import { drizzleFor } from '@/db/sql'
import { verifyCustomerPassword } from '@/plugins/network/logins/passwords'
import { findCustomerByLogin } from '@/portal/customers'

import { createDemoCustomer, CUSTOMER_PASSWORD, loadWorld, unique, type World } from '../helpers/fixtures'
import { statusOf, userByEmail } from '../helpers/payload'

let world: World

beforeAll(async () => {
  world = await loadWorld()
})

/** A phone number of its own for each test. */
const newPhone = () => `+2547${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`

async function actingAs(id: string) {
  const { docs } = await world.payload.find({ collection: 'users', where: { id: { equals: id } }, depth: 0, limit: 1 })
  return { ...docs[0], collection: 'users' as const }
}

const signsIn = (login: string) =>
  verifyCustomerPassword(world.payload, { organization: world.organizations.demo, login, password: CUSTOMER_PASSWORD })

describe("a customer cannot block another customer's sign-in", () => {
  it('by setting their own phone number to the victim’s', async () => {
    const phone = newPhone()
    const victim = await createDemoCustomer({ phone })
    const attacker = await createDemoCustomer()
    const refused = world.payload.update({
      collection: 'users',
      id: attacker.id,
      data: { phone },
      user: await actingAs(attacker.id),
      overrideAccess: false,
    })
    await expect(refused).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/phone number .* already used by another customer/) })
    expect(await signsIn(phone)).toEqual({ outcome: 'ok', customer: victim.id })
    expect((await world.payload.findByID({ collection: 'users', id: attacker.id, depth: 0 })).phone).toBeNull()
  })

  it("by a username that is the victim's email address or phone number in another spelling", async () => {
    const phone = '+254700' + String(Math.floor(Math.random() * 1e6)).padStart(6, '0')
    const victim = await createDemoCustomer({ phone: phone.replace('+254', '0') })
    const victimEmail = `${victim.username}@example.test`
    for (const username of [victimEmail, `0${phone.slice(4, 7)}-${phone.slice(7, 10)}-${phone.slice(10)}`]) {
      const attacker = await createDemoCustomer()
      const status = await statusOf(() => world.payload.update({ collection: 'users', id: attacker.id, data: { username } }))
      expect(status, username).toBe(409)
    }
    expect(await signsIn(victimEmail)).toEqual({ outcome: 'ok', customer: victim.id })
    expect(await signsIn(phone.replace('+254', '0'))).toEqual({ outcome: 'ok', customer: victim.id })
  })

  it('by the same number written without its "+"', async () => {
    const phone = newPhone()
    const victim = await createDemoCustomer({ phone })
    await expect(createDemoCustomer({ phone: phone.slice(1) })).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining(`phone number ${phone.slice(1)} is already used`),
    })
    // Either spelling signs the customer in, as a sign-up's hint asks for the "+".
    expect(await signsIn(phone.slice(1))).toEqual({ outcome: 'ok', customer: victim.id })
    expect(await signsIn(`+${phone.slice(1, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`)).toEqual({ outcome: 'ok', customer: victim.id })
  })

  it('a new customer with a taken phone number is refused, in words', async () => {
    const phone = newPhone()
    await createDemoCustomer({ phone })
    await expect(createDemoCustomer({ phone })).rejects.toMatchObject({ status: 409 })
  })

  it('a username of a phone number signs in by that number too', async () => {
    const customer = await createDemoCustomer()
    const digits = `07${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
    await world.payload.update({ collection: 'users', id: customer.id, data: { username: `${digits.slice(0, 4)}-${digits.slice(4)}` } })
    expect(await signsIn(digits)).toEqual({ outcome: 'ok', customer: customer.id })
  })
})

describe('where the same name may be used', () => {
  it('by customers of different organizations, and by staff', async () => {
    const phone = newPhone()
    const demo = await createDemoCustomer({ phone })
    const other = await createDemoCustomer({ phone, memberships: [{ organization: world.organizations.other, role: 'customer' }] })
    const staff = await createDemoCustomer({ phone, memberships: [{ organization: world.organizations.demo, role: 'agent' }] })
    expect(await findCustomerByLogin(world.payload, world.organizations.demo, phone)).toMatchObject({ id: demo.id })
    expect(await findCustomerByLogin(world.payload, world.organizations.other, phone)).toMatchObject({ id: other.id })
    expect(staff.id).toBeTruthy()
  })

  it('by the same customer in their username and their phone number', async () => {
    const digits = `07${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
    const customer = await createDemoCustomer({ phone: digits })
    await world.payload.update({ collection: 'users', id: customer.id, data: { username: digits } })
    expect(await signsIn(digits)).toEqual({ outcome: 'ok', customer: customer.id })
  })

  it('a name is free again once its customer leaves the organization or changes it', async () => {
    const phone = newPhone()
    const first = await createDemoCustomer({ phone })
    await world.payload.update({ collection: 'users', id: first.id, data: { phone: newPhone() } })
    const second = await createDemoCustomer({ phone })
    await world.payload.update({ collection: 'users', id: second.id, data: { memberships: [{ organization: world.organizations.other, role: 'customer' }] } })
    const third = await createDemoCustomer({ phone })
    expect(await signsIn(phone)).toEqual({ outcome: 'ok', customer: third.id })
  })
})

describe('the database keeps the rule', () => {
  it('refuses a phone number written past the application', async () => {
    const phone = newPhone()
    await createDemoCustomer({ phone })
    const attacker = await createDemoCustomer()
    const db = await drizzleFor(world.payload)
    await expect(db.execute(sql`update users set phone = ${phone} where id = ${attacker.id}`)).rejects.toMatchObject({
      cause: expect.objectContaining({ code: '23505' }),
    })
  })

  it('lets one of two customers saving the same phone number at the same moment through', async () => {
    const phone = newPhone()
    const results = await Promise.allSettled([createDemoCustomer({ phone }), createDemoCustomer({ phone })])
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1)
    const rejected = results.find((result) => result.status === 'rejected') as PromiseRejectedResult
    expect([400, 409]).toContain(rejected.reason.status)
  })

  it('the seeded customer still signs in by email', async () => {
    const alice = await userByEmail('alice@demo-isp.test')
    expect(await findCustomerByLogin(world.payload, world.organizations.demo, 'ALICE@demo-isp.test')).toMatchObject({ id: String(alice.id) })
    expect(unique('x')).toBeTruthy()
  })
})
