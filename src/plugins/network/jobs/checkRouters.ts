import { sql } from '@payloadcms/db-postgres'
import type { TaskConfig } from 'payload'

import { drizzleFor, rowsOf } from '@/db/sql'

import { routerControl } from '../control'

export const CHECK_ROUTERS_TASK = 'check-routers'

/**
 * Every minute in the RADIUS service: each router with an API login is asked how it is; the
 * others are ONLINE while they send RADIUS traffic.
 */
export const checkRoutersTask: TaskConfig<{ input: object; output: { online: number; offline: number } }> = {
  slug: CHECK_ROUTERS_TASK,
  label: 'Check routers over the RouterOS API',
  schedule: [{ cron: '0 * * * * *', queue: 'radius-sweep' }],
  outputSchema: [
    { name: 'online', type: 'number', required: true },
    { name: 'offline', type: 'number', required: true },
  ],
  retries: 0,
  handler: async ({ req }) => {
    const db = await drizzleFor(req.payload)
    const control = routerControl()
    // Routers without an API login are judged by their RADIUS traffic: silent for three interim
    // intervals is OFFLINE.
    const silentSince = new Date(Date.now() - 3 * control.interimIntervalSeconds * 1000).toISOString()
    await db.execute(sql`
      update routers set status = case when last_seen_at >= ${silentSince}::timestamptz then 'ONLINE' else 'OFFLINE' end::enum_routers_status
      where (api_username is null or api_username = '') and last_seen_at is not null`)
    const routers = rowsOf<{ id: string }>(await db.execute(sql`select id from routers where api_username is not null and api_username <> ''`))
    const results: string[] = []
    for (let start = 0; start < routers.length; start += 10) {
      results.push(...(await Promise.all(routers.slice(start, start + 10).map(({ id }) => control.checkHealth(id)))))
    }
    return { output: { online: results.filter((result) => result === 'ONLINE').length, offline: results.filter((result) => result === 'OFFLINE').length } }
  },
}
