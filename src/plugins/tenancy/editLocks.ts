import type {
  Access,
  CollectionBeforeChangeHook,
  CollectionConfig,
  CollectionSlug,
  Payload,
  PayloadRequest,
  Where,
} from 'payload'

import { getAccessContext, isStaffAnywhere, relationId } from '@/access'

/** Payload's own collection of edit locks (`payload/dist/locked-documents/config.js`). */
export const EDIT_LOCKS_SLUG = 'payload-locked-documents'

type EditLock = { id: string | number; document?: { relationTo?: string; value?: unknown } | null; user?: { value?: unknown } | null }

/** More locks than this at once means something is creating them on purpose; they are not shown. */
const MAX_LOCKS_CONSIDERED = 1000

/**
 * Of these documents of one collection, the ones the person may update, by the collection's own
 * update access (`true`, or a constraint the documents must meet): one query at most.
 */
async function updatableAmong(req: PayloadRequest, collection: string, ids: string[]): Promise<Set<string>> {
  const config = req.payload.collections[collection as CollectionSlug]?.config
  const access = config?.access?.update
  if (!access || ids.length === 0) return new Set()
  const result = await access({ req })
  if (result === true) return new Set(ids)
  if (!result) return new Set()
  const { docs } = await req.payload.find({
    collection: collection as CollectionSlug,
    where: { and: [{ id: { in: ids } }, result] },
    overrideAccess: true,
    pagination: false,
    depth: 0,
    select: {},
    req,
  })
  return new Set(docs.map((doc) => String(doc.id)))
}

/** Whether the person may update this one document. */
export async function mayUpdate(req: PayloadRequest, collection: string, id: unknown): Promise<boolean> {
  const documentId = relationId(id)
  return documentId !== null && (await updatableAmong(req, collection, [documentId])).has(documentId)
}

/**
 * The locks a person sees, takes over and releases: their own, and those on documents they may
 * update (the admin panel shows who is editing and offers to take over). Payload lets anyone
 * signed in do all of that to every lock, which let another tenant's admin, or a customer, list
 * who edits what everywhere, lock any document (its editors then got 423 on save) and release
 * other people's locks. Locks are few (one per open edit view); their documents are checked one
 * query per collection.
 */
const visibleLocks: Access = async ({ req }) => {
  const context = await getAccessContext(req)
  if (!context.userId) return false
  if (context.isSuperAdmin) return true
  const { docs } = (await req.payload.db.find({
    collection: EDIT_LOCKS_SLUG,
    where: { 'user.value': { not_equals: context.userId } },
    limit: MAX_LOCKS_CONSIDERED,
    pagination: false,
    req,
  })) as { docs: EditLock[] }
  const locksByCollection = new Map<string, { lock: EditLock['id']; document: string }[]>()
  for (const lock of docs) {
    const document = relationId(lock.document?.value)
    if (!lock.document?.relationTo || !document) continue
    const locks = locksByCollection.get(lock.document.relationTo) ?? []
    locksByCollection.set(lock.document.relationTo, [...locks, { lock: lock.id, document }])
  }
  const editable: EditLock['id'][] = []
  for (const [collection, locks] of locksByCollection) {
    const updatable = await updatableAmong(req, collection, [...new Set(locks.map((entry) => entry.document))])
    editable.push(...locks.filter((entry) => updatable.has(entry.document)).map((entry) => entry.lock))
  }
  const own: Where = { 'user.value': { equals: context.userId } }
  return editable.length ? { or: [own, { id: { in: editable } }] } : own
}

/**
 * A new lock names a document the person may update, and the person works in the admin panel:
 * a customer may update their own account but edits nothing there, and a lock of theirs would
 * only turn their administrators' saves away (423). Who holds it is set by `lockHeldBySelf`.
 */
const mayLock: Access = async ({ req, data }) => {
  const context = await getAccessContext(req)
  if (!context.userId) return false
  if (context.isSuperAdmin) return true
  if (!isStaffAnywhere(context)) return false
  const document = (data as EditLock | undefined)?.document
  if (!document?.relationTo) return false
  return mayUpdate(req, document.relationTo, document.value)
}

/**
 * Whoever writes a lock holds it (taking over an edit is writing yourself into the lock), and a
 * lock stays on the document it was made for.
 */
const lockHeldBySelf: CollectionBeforeChangeHook = ({ data, originalDoc, operation, req }) => {
  if (!req.user) return data
  const held: Record<string, unknown> = { ...data, user: { relationTo: req.user.collection, value: req.user.id } }
  if (operation === 'update') {
    held.document = originalDoc?.document
    held.globalSlug = originalDoc?.globalSlug
  }
  return held
}

function scopedEditLocks(collection: CollectionConfig): CollectionConfig {
  return {
    ...collection,
    access: { ...collection.access, read: visibleLocks, create: mayLock, update: visibleLocks, delete: visibleLocks },
    hooks: { ...collection.hooks, beforeChange: [...(collection.hooks?.beforeChange ?? []), lockHeldBySelf] },
  }
}

/**
 * Payload adds its edit-lock collection after every plugin has run, so its access is replaced
 * when Payload starts, before any request: one collection config object is shared by the Local
 * API, REST, GraphQL and the admin panel.
 */
export function scopeEditLocks(payload: Payload): void {
  const locks = payload.collections[EDIT_LOCKS_SLUG as CollectionSlug]
  if (!locks) return
  Object.assign(locks.config, scopedEditLocks(locks.config))
}
