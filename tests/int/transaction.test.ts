/** inSystemTransaction: all or nothing, and a failed COMMIT is an error, not a silent success. */
import { sql } from '@payloadcms/db-postgres'
import { commitTransaction, createLocalReq, initTransaction } from 'payload'
import { describe, expect, it } from 'vitest'

import { drizzleFor, rowsOf } from '@/db/sql'
import { inSystemTransaction } from '@/db/transaction'

import { testPayload } from '../helpers/payload'

/** Statements whose error PostgreSQL only raises at COMMIT (a deferred unique constraint). */
async function failAtCommit(db: Awaited<ReturnType<typeof drizzleFor>>) {
  await db.execute(sql`create temp table commit_check (id int unique deferrable initially deferred) on commit drop`)
  await db.execute(sql`insert into commit_check values (1), (1)`)
}

describe('inSystemTransaction', () => {
  it('rejects when COMMIT fails, where Payload’s own commit reports success', async () => {
    const payload = await testPayload()
    await expect(inSystemTransaction(payload, async (req) => failAtCommit(await drizzleFor(payload, req)))).rejects.toThrow(/Failed query: commit/)

    // The behaviour it replaces: Payload's commitTransaction swallows the failed COMMIT.
    const req = await createLocalReq({}, payload)
    await initTransaction(req)
    await failAtCommit(await drizzleFor(payload, req))
    await expect(commitTransaction(req)).resolves.toBeUndefined()
  })

  it('commits Local API and raw SQL writes together, or neither', async () => {
    const payload = await testPayload()
    const name = `tx-${Date.now()}`
    await expect(
      inSystemTransaction(payload, async (req) => {
        await payload.create({ collection: 'organizations', data: { name, slug: name } as never, req })
        throw new Error('changed my mind')
      }),
    ).rejects.toThrow('changed my mind')
    expect((await payload.count({ collection: 'organizations', where: { slug: { equals: name } } })).totalDocs).toBe(0)

    await inSystemTransaction(payload, async (req) => {
      await payload.create({ collection: 'organizations', data: { name, slug: name } as never, req })
    })
    const db = await drizzleFor(payload)
    expect(rowsOf(await db.execute(sql`select id from organizations where slug = ${name}`))).toHaveLength(1)
  })

  it('refuses raw SQL on a transaction that has ended', async () => {
    const payload = await testPayload()
    await expect(drizzleFor(payload, { transactionID: 'no-such-transaction' })).rejects.toThrow(/has ended/)
  })
})
