import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { drizzleFor, rowsOf } from '@/db/sql'
import { inSystemTransaction } from '@/db/transaction'

import { timerLimitHours } from './rules'

/**
 * Stops the timers that have run longer than the limit (`BEACON_TIMER_LIMIT_HOURS`, 12): a
 * forgotten timer ends at its start plus the limit, not now, and is marked auto-stopped so the
 * agent and their supervisor see it and can add a correction. Each timer is stopped in its own
 * transaction under the row's lock, skipping one its agent is stopping at that moment.
 * Returns how many were stopped.
 */
export async function stopForgottenTimers(payload: Payload, { now = new Date(), limitHours = timerLimitHours() } = {}): Promise<number> {
  const limitMs = limitHours * 3_600_000
  const cutoff = new Date(now.getTime() - limitMs)
  const { docs } = await payload.find({
    collection: 'time-sessions',
    where: { and: [{ endTime: { exists: false } }, { startTime: { less_than: cutoff.toISOString() } }] },
    depth: 0,
    limit: 500,
    overrideAccess: true,
    select: { startTime: true },
  })
  let stopped = 0
  for (const { id, startTime } of docs) {
    try {
      const entry = await inSystemTransaction(payload, async (req) => {
        const db = await drizzleFor(payload, req)
        const [row] = rowsOf<{ end_time: string | null }>(
          await db.execute(sql`select end_time from time_sessions where id = ${id} for update skip locked`),
        )
        // Stopped meanwhile, or being stopped by its agent right now.
        if (!row || row.end_time) return null
        const endTime = new Date(new Date(startTime).getTime() + limitMs).toISOString()
        return payload.update({ collection: 'time-sessions', id, data: { endTime, autoStopped: true }, depth: 0, overrideAccess: true, req })
      })
      if (!entry) continue
      stopped++
      payload.logger.info(
        { timeSession: id, organization: entry.organization, agent: entry.agent, ticket: entry.ticket, endTime: entry.endTime },
        'Stopped a forgotten timer',
      )
    } catch (error) {
      payload.logger.error({ err: error, timeSession: id }, 'Could not stop a forgotten timer')
    }
  }
  return stopped
}
