import type { CollectionBeforeDeleteHook, CollectionSlug, Where } from 'payload'

import { conflict } from '@/http/errors'

export type Reference = {
  collection: CollectionSlug
  /** The relationship field that points at the document being deleted. */
  field: string
  /** What the referring documents are called, plural: "routers", "WiFi sessions". */
  label: string
  /** Only these referring documents count (open sessions, say). */
  where?: Where
}

/**
 * Refuses to delete a document other records still point at, with a 409 that says what points at
 * it and what to do instead, rather than letting the database drop the links (or fail).
 */
export function refuseDeleteWhileReferenced(
  what: string,
  references: Reference[],
  instead: string,
): CollectionBeforeDeleteHook {
  return async ({ id, req }) => {
    const uses: string[] = []
    for (const { collection, field, label, where } of references) {
      const pointing: Where = { [field]: { equals: id } }
      const { totalDocs } = await req.payload.count({
        collection,
        where: where ? { and: [pointing, where] } : pointing,
        overrideAccess: true,
        req,
      })
      if (totalDocs > 0) uses.push(`${totalDocs.toLocaleString('en')} ${label}`)
    }
    if (uses.length > 0) throw conflict(`This ${what} is still used by ${uses.join(' and ')}; ${instead}`)
  }
}
