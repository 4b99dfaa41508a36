import type { UIFieldServerProps } from 'payload'
import React from 'react'

import { getAccessContext, permissionWhere } from '@/access'

import { OPEN_SESSION_STATUSES, type SessionStatus } from '../fields'
import { SESSION_PATHS } from '../paths'
import { ForceLogoutButton } from './ForceLogoutButton'

/**
 * The admin panel's force-logout control, for those who may use it on this session. It stays
 * mounted once the session has ended, so the outcome stays on screen after the page refreshes.
 */
export async function ForceLogoutField({ req, data, id }: UIFieldServerProps) {
  if (!id) return null
  const reach = permissionWhere(await getAccessContext(req), 'sessions.forceLogout', SESSION_PATHS)
  if (reach === false) return null
  if (reach !== true) {
    const { totalDocs } = await req.payload.count({
      collection: 'sessions',
      where: { and: [{ id: { equals: id } }, reach] },
      overrideAccess: true,
      req,
    })
    if (totalDocs === 0) return null
  }
  return <ForceLogoutButton sessionId={String(id)} open={OPEN_SESSION_STATUSES.includes(data?.status as SessionStatus)} />
}
