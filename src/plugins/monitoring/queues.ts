import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { drizzleFor, rowsOf } from '@/db/sql'

import type { QueueDepth } from './metrics'

type Row = { queue: string; pending: number; due: number; oldest_due_seconds: number; failed: number }

/**
 * How many jobs each queue holds, read from `payload-jobs` (which every instance shares): not
 * done, due now and not held by a runner, how long the oldest due one has waited, and those that
 * failed for good. Completed jobs are deleted (Payload's `deleteJobOnComplete`), so the table
 * and this count stay small. `queues` are reported even when empty, so a dashboard sees 0.
 */
export async function queueDepths(payload: Payload, queues: readonly string[]): Promise<QueueDepth[]> {
  const db = await drizzleFor(payload)
  const rows = rowsOf<Row>(
    await db.execute(sql`
      select coalesce(queue, 'default') as queue,
        (count(*) filter (where not coalesce(has_error, false)))::int as pending,
        (count(*) filter (where not coalesce(has_error, false) and not coalesce(processing, false)
          and coalesce(wait_until, created_at) <= now()))::int as due,
        coalesce(extract(epoch from now() - min(coalesce(wait_until, created_at)) filter (where not coalesce(has_error, false)
          and not coalesce(processing, false) and coalesce(wait_until, created_at) <= now())), 0)::float8 as oldest_due_seconds,
        (count(*) filter (where coalesce(has_error, false)))::int as failed
      from payload_jobs
      where completed_at is null
      group by 1`),
  )
  const byQueue = new Map<string, QueueDepth>(queues.map((queue) => [queue, { queue, pending: 0, due: 0, oldestDueSeconds: 0, failed: 0 }]))
  for (const row of rows) {
    byQueue.set(row.queue, {
      queue: row.queue,
      pending: Number(row.pending),
      due: Number(row.due),
      oldestDueSeconds: Number(row.oldest_due_seconds),
      failed: Number(row.failed),
    })
  }
  return [...byQueue.values()]
}
