import type { CollectionSlug, Where } from 'payload'
import { describe, expect, it } from 'vitest'

import { type Actor, ACTORS } from './fixtures'
import { type ActingUser, statusOf, testPayload } from './payload'

export type Operation = 'create' | 'read' | 'update' | 'delete'

export type MatrixCheck = {
  collection: CollectionSlug
  operation: Operation
  user: ActingUser
  allowed: boolean
  /** The existing document a read or update is aimed at. */
  targetId?: string
  /** A new document in the place the case names (create, and the victim of a delete). */
  newDocument: () => Record<string, unknown>
  /** A harmless change and how to read it back from a document. */
  change: () => { data: Record<string, unknown>; read: (doc: Record<string, unknown>) => unknown }
  /** How to find a created document again in a count. */
  identify: (data: Record<string, unknown>) => Where
}

/**
 * One cell of an access matrix: the operation, done through the Local API as the person, goes
 * through when allowed and otherwise is refused (403, or 404 for rows they cannot see) and
 * changes nothing.
 */
export async function expectOperationOutcome(check: MatrixCheck): Promise<void> {
  const payload = await testPayload()
  const { collection, operation, allowed } = check
  const asPerson = { user: check.user, overrideAccess: false, depth: 0 } as const

  if (operation === 'read') {
    const status = await statusOf(() => payload.findByID({ collection, id: check.targetId!, ...asPerson }))
    if (allowed) expect(status).toBe(200)
    else expect([403, 404]).toContain(status)
    return
  }

  if (operation === 'update') {
    const id = check.targetId!
    const { data, read } = check.change()
    const before = await payload.findByID({ collection, id, depth: 0 })
    const status = await statusOf(() => payload.update({ collection, id, data: data as never, ...asPerson }))
    const after = await payload.findByID({ collection, id, depth: 0 })
    if (allowed) {
      expect(status).toBe(200)
      expect(read(after as never)).toEqual(read(data))
    } else {
      expect([403, 404]).toContain(status)
      expect(read(after as never)).toEqual(read(before as never))
    }
    return
  }

  if (operation === 'create') {
    const data = check.newDocument()
    const status = await statusOf(() => payload.create({ collection, data: data as never, ...asPerson }))
    const stored = await payload.count({ collection, where: check.identify(data) })
    expect(status).toBe(allowed ? 200 : 403)
    expect(stored.totalDocs).toBe(allowed ? 1 : 0)
    return
  }

  // delete: a throw-away document in the place the case names, made by the system.
  const victim = await payload.create({ collection, data: check.newDocument() as never })
  const status = await statusOf(() => payload.delete({ collection, id: victim.id, ...asPerson }))
  const remaining = await payload.count({ collection, where: { id: { equals: victim.id } } })
  if (allowed) {
    expect(status).toBe(200)
    expect(remaining.totalDocs).toBe(0)
  } else {
    expect([403, 404]).toContain(status)
    expect(remaining.totalDocs).toBe(1)
  }
}

/** One row of an access matrix: an operation on a target, and the actors it is allowed to. */
export type MatrixCase<C extends CollectionSlug> = { collection: C; operation: Operation; target: string; allow: readonly Actor[] }

/**
 * A test per case and actor: `cell` fills in what the case needs for that actor (the person,
 * the target's id, the documents and changes to try); `expectOperationOutcome` checks it.
 */
export function describeMatrix<C extends CollectionSlug>(
  cases: MatrixCase<C>[],
  cell: (row: MatrixCase<C>, actor: Actor) => Omit<MatrixCheck, 'collection' | 'operation' | 'allowed'>,
): void {
  describe.each(cases)('$operation $collection: $target', (row) => {
    it.each(ACTORS.map((actor) => ({ actor, allowed: row.allow.includes(actor) })))('$actor → allowed: $allowed', async ({ actor, allowed }) => {
      await expectOperationOutcome({ collection: row.collection, operation: row.operation, allowed, ...cell(row, actor) })
    })
  })
}
