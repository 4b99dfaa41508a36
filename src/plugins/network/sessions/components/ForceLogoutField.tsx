import type { UIFieldServerProps } from 'payload'
import React from 'react'

import { OPEN_SESSION_STATUSES, type SessionStatus } from '../fields'
import { forceLogoutAccess } from '../forceLogout'
import { ForceLogoutButton } from './ForceLogoutButton'

/**
 * The admin panel's force-logout control, for those who may use it on this session. It stays
 * mounted once the session has ended, so the outcome stays on screen after the page refreshes.
 */
export async function ForceLogoutField({ req, data, id }: UIFieldServerProps) {
  if (!id || (await forceLogoutAccess(req, String(id))) !== 'allowed') return null
  return <ForceLogoutButton sessionId={String(id)} open={OPEN_SESSION_STATUSES.includes(data?.status as SessionStatus)} />
}
