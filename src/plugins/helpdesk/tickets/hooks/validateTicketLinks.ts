import { type CollectionBeforeChangeHook, type PayloadRequest, ValidationError } from 'payload'

import { relationId } from '@/access'
import { isUuid } from '@/lib/ids'

import { findWifiSession } from '../wifiSession'

type Membership = { organization?: unknown; role?: string | null }

async function membershipsOf(req: PayloadRequest, userId: string) {
  const user = await req.payload.findByID({
    collection: 'users',
    id: userId,
    depth: 0,
    overrideAccess: true,
    req,
    disableErrors: true,
    select: { memberships: true, status: true },
  })
  return user ? { status: user.status, memberships: (user.memberships ?? []) as Membership[] } : null
}

/**
 * The people and the WiFi session a ticket names must fit it: the requester is a customer of
 * the ticket's organization, the assignee an active staff member of it, and the WiFi session one
 * of the organization's (live or archived), the requester's when there is one.
 */
export const validateTicketLinks: CollectionBeforeChangeHook = async ({ collection, data, originalDoc, req }) => {
  const organization = relationId(data.organization ?? originalDoc?.organization)
  const errors: { path: string; message: string }[] = []
  const requester = relationId('requester' in data ? data.requester : originalDoc?.requester)
  // An update carries every field; only what changes is checked, so a ticket whose assignee has
  // since left can still be closed.
  const changed = (field: string, value: unknown) => value !== (relationId(originalDoc?.[field]) ?? originalDoc?.[field] ?? null)

  if (requester && changed('requester', requester)) {
    const found = await membershipsOf(req, requester)
    const isCustomer = found?.memberships.some((m) => relationId(m.organization) === organization && m.role === 'customer')
    if (!isCustomer) errors.push({ path: 'requester', message: 'The requester must be a customer of this organization.' })
  }

  const assignee = relationId(data.assignee)
  if (assignee && changed('assignee', assignee)) {
    const found = await membershipsOf(req, assignee)
    const isStaff =
      found?.status === 'ACTIVE' &&
      found.memberships.some((m) => relationId(m.organization) === organization && m.role && m.role !== 'customer')
    if (!isStaff) errors.push({ path: 'assignee', message: 'The assignee must be an active staff member of this organization.' })
  }

  const wifiSession = typeof data.wifiSession === 'string' ? data.wifiSession.trim() : data.wifiSession
  const requesterChanged = changed('requester', requester)
  if (wifiSession && (changed('wifiSession', wifiSession) || requesterChanged)) {
    const session = typeof wifiSession === 'string' && isUuid(wifiSession) ? await findWifiSession(req, wifiSession) : null
    if (!session || session.organization !== organization) {
      errors.push({ path: 'wifiSession', message: 'No WiFi session with that id in this organization.' })
    } else if (requester && session.user !== requester) {
      errors.push({ path: 'wifiSession', message: "That WiFi session is not the requester's." })
    }
  }

  if (errors.length > 0) throw new ValidationError({ collection: collection.slug, errors, req }, req.t)
  return wifiSession === undefined ? data : { ...data, wifiSession: wifiSession || null }
}
