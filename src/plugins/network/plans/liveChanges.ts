import { sql } from '@payloadcms/db-postgres'
import type { CollectionAfterChangeHook, PayloadRequest } from 'payload'

import { relationId } from '@/access'
import { drizzleFor, rowsOf } from '@/db/sql'

import { APPLY_PLAN_TASK } from '../jobs/applyPlan'
import { DISCONNECT_SESSION_TASK } from '../sessions/forceLogout'
import { mikrotikRateLimit, type PlanLimits } from './replyAttributes'

function rateOf(plan: PlanLimits): string | null {
  try {
    return mikrotikRateLimit(plan)
  } catch {
    return null
  }
}

async function queue(req: PayloadRequest, task: typeof APPLY_PLAN_TASK | typeof DISCONNECT_SESSION_TASK, sessions: string[]) {
  for (const session of sessions) {
    await req.payload.jobs.queue(
      task === APPLY_PLAN_TASK
        ? { task, queue: 'radius', input: { session }, req }
        : { task, queue: 'radius', input: { session, cause: 'Admin-Reset' }, req },
    )
  }
}

/**
 * A plan whose speeds change is applied to the devices online with it, without a reconnect: one
 * `apply-plan` job (CoA) per live session, queued with the change itself.
 */
export const applySpeedChangesToLiveSessions: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  if (operation !== 'update' || !previousDoc || rateOf(doc) === rateOf(previousDoc)) return doc
  const db = await drizzleFor(req.payload, req)
  const live = rowsOf<{ id: string }>(await db.execute(sql`select id from sessions where plan_id = ${doc.id} and status in ('pending', 'active')`))
  await queue(req, APPLY_PLAN_TASK, live.map((row) => row.id))
  return doc
}

/**
 * A customer moved to another subscription plan: their live plan sessions (not vouchers) move with
 * them and get the new rate by CoA; with no plan left, they are disconnected.
 */
export const applyCustomerPlanChanges: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  if (operation !== 'update' || !previousDoc) return doc
  const before = relationId(previousDoc.customer?.plan)
  const after = relationId(doc.customer?.plan)
  if (!before || before === after) return doc
  const db = await drizzleFor(req.payload, req)
  const live = rowsOf<{ id: string }>(
    await db.execute(sql`
      select id from sessions
      where user_id = ${doc.id} and plan_id = ${before} and voucher_id is null and status in ('pending', 'active')
        and auth_method in ('account', 'mac')`),
  ).map((row) => row.id)
  if (live.length === 0) return doc
  if (!after) {
    await queue(req, DISCONNECT_SESSION_TASK, live)
    return doc
  }
  await db.execute(sql`update sessions set plan_id = ${after}, updated_at = now() where id = any(${sql.param(live)}::uuid[])`)
  await queue(req, APPLY_PLAN_TASK, live)
  return doc
}
