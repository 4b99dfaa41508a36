import { sql } from '@payloadcms/db-postgres'
import type { TaskConfig } from 'payload'

import { drizzleFor, rowsOf } from '@/db/sql'

import { routerControl } from '../control'

export const CHECK_ROUTERS_TASK = 'check-routers'

/** Every minute in the RADIUS service: each router with an API login is asked how it is. */
export const checkRoutersTask: TaskConfig<{ input: object; output: { online: number; offline: number } }> = {
  slug: CHECK_ROUTERS_TASK,
  label: 'Check routers over the RouterOS API',
  schedule: [{ cron: '0 * * * * *', queue: 'radius' }],
  outputSchema: [
    { name: 'online', type: 'number', required: true },
    { name: 'offline', type: 'number', required: true },
  ],
  retries: 0,
  handler: async ({ req }) => {
    const db = await drizzleFor(req.payload)
    const routers = rowsOf<{ id: string }>(await db.execute(sql`select id from routers where api_username is not null and api_username <> ''`))
    const control = routerControl()
    const results: string[] = []
    for (let start = 0; start < routers.length; start += 10) {
      results.push(...(await Promise.all(routers.slice(start, start + 10).map(({ id }) => control.checkHealth(id)))))
    }
    return { output: { online: results.filter((result) => result === 'ONLINE').length, offline: results.filter((result) => result === 'OFFLINE').length } }
  },
}
