import { type CollectionBeforeChangeHook, type CollectionSlug, ValidationError } from 'payload'

import { relationId } from '@/access'

type Relations = Record<string, { collection: CollectionSlug; label: string }>

/**
 * A document may only point at documents of its own organization: a voucher at its
 * organization's plan, a router at its organization's branch. Runs before field validation so
 * the person gets this message rather than a generic "invalid selection".
 */
export function requireSameOrganization(relations: Relations): CollectionBeforeChangeHook {
  return async ({ collection, data, originalDoc, req }) => {
    const organization = relationId(data.organization ?? originalDoc?.organization)
    const errors: { path: string; message: string }[] = []
    for (const [path, { collection: relatedCollection, label }] of Object.entries(relations)) {
      if (!(path in data)) continue
      const id = relationId(data[path])
      if (!id) continue
      const related = await req.payload.find({
        collection: relatedCollection,
        where: { id: { equals: id } },
        depth: 0,
        limit: 1,
        overrideAccess: true,
        req,
        select: { organization: true } as never,
      })
      const doc = related.docs[0] as { organization?: unknown } | undefined
      if (!doc) errors.push({ path, message: `No ${label} with id ${id}.` })
      else if (relationId(doc.organization) !== organization) {
        errors.push({ path, message: `The ${label} belongs to another organization.` })
      }
    }
    if (errors.length > 0) throw new ValidationError({ collection: collection.slug, errors, req }, req.t)
    return data
  }
}
