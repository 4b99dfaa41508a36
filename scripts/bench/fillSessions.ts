import { performance } from 'node:perf_hooks'

import { sql } from '@payloadcms/db-postgres'

type Query = <Row>(statement: ReturnType<typeof sql>) => Promise<Row[]>

export type FillOptions = {
  rows: number
  organizations: number
  branchesPerOrganization: number
  customers: number
  /** How many of the newest sessions are still open (devices online now). */
  openSessions: number
}

/**
 * Fills a throw-away database for the benchmarks: organizations "Bench ISP n" with branches,
 * one router each, customers, and `rows` WiFi sessions over the past year, the newest
 * `openSessions` still online (one in ten past its expiry). Indexes are dropped while loading and
 * built again after.
 */
export async function fillBenchSessions(query: Query, { rows: ROWS, organizations: ORGANIZATIONS, branchesPerOrganization: BRANCHES_PER_ORGANIZATION, customers: CUSTOMERS, openSessions: OPEN_SESSIONS }: FillOptions): Promise<void> {
  const DEVICES = CUSTOMERS * 2
  const CHUNK = 250_000
  console.log(`Filling: ${ORGANIZATIONS} organizations × ${BRANCHES_PER_ORGANIZATION} branches, ${CUSTOMERS.toLocaleString('en')} customers, ${ROWS.toLocaleString('en')} sessions`)
  const fillStart = performance.now()
  await query(sql`
    insert into organizations (name, slug, status, time_zone, currency)
    select 'Bench ISP ' || g, 'bench-' || g, 'ACTIVE', 'Africa/Nairobi', 'KES' from generate_series(1, ${ORGANIZATIONS}) g
    on conflict do nothing`)
  await query(sql`
    insert into locations (organization_id, name, time_zone, active)
    select o.id, 'Bench branch ' || b, 'Africa/Nairobi', true
    from organizations o cross join generate_series(1, ${BRANCHES_PER_ORGANIZATION}) b
    where o.slug like 'bench-%'`)
  await query(sql`
    insert into routers (organization_id, location_id, name, ip_address, status)
    select l.organization_id, l.id, 'Bench router ' || row_number() over (), '10.200.' || (row_number() over () / 250) || '.' || (row_number() over () % 250 + 1), 'ONLINE'
    from locations l where l.name like 'Bench branch %'`)
  await query(sql`
    insert into users (name, email, status)
    select 'Bench customer ' || g, 'bench-' || g || '@bench.test', 'ACTIVE' from generate_series(1, ${CUSTOMERS}) g`)

  // Loading is the slow part, not what is measured: drop the sessions indexes, load, build them again.
  await query(sql`set maintenance_work_mem = '512MB'`)
  await query(sql`set synchronous_commit = off`)
  const sessionIndexes = await query<{ name: string; definition: string }>(sql`
    select indexname as name, indexdef as definition from pg_indexes where tablename = 'sessions' and indexname <> 'sessions_pkey'`)
  for (const { name } of sessionIndexes) await query(sql.raw(`drop index "${name}"`))

  // Sessions: the last few thousand are open (one in ten past its expiry, for the sweep to find),
  // the rest ended at some point over the past year.
  const branchCount = ORGANIZATIONS * BRANCHES_PER_ORGANIZATION
  for (let from = 1; from <= ROWS; from += CHUNK) {
    const to = Math.min(ROWS, from + CHUNK - 1)
    await query(sql`
      with branch as (
        select l.id as location_id, l.organization_id, r.id as router_id, row_number() over (order by l.id) - 1 as n
        from locations l join routers r on r.location_id = l.id where l.name like 'Bench branch %'
      ), customer as (
        select id, row_number() over (order by id) - 1 as n from users where email like 'bench-%@bench.test'
      )
      insert into sessions (user_id, organization_id, location_id, router_id, device_mac, status, acct_session_id,
                            usage_data_m_b, usage_input_octets, usage_output_octets, usage_last_ip,
                            started_at, expires_at, ended_at, terminate_cause, last_accounting_at)
      select c.id, b.organization_id, b.location_id, b.router_id,
             regexp_replace(upper(substr(md5((g % ${DEVICES})::text), 1, 12)), '(..)(?!$)', '\\1:', 'g'),
             (case when g > ${ROWS - OPEN_SESSIONS} then 'active' else (case when g % 3 = 0 then 'expired' else 'terminated' end) end)::enum_sessions_status,
             to_hex(g), (g % 900)::numeric, (g % 400) * 1000000::numeric, (g % 500) * 1000000::numeric,
             '10.5.' || (g % 250) || '.' || (g % 200 + 1),
             s.started, s.started + interval '1 hour',
             case when g > ${ROWS - OPEN_SESSIONS} then null else s.started + interval '45 minutes' end,
             (case when g > ${ROWS - OPEN_SESSIONS} then null when g % 3 = 0 then 'Session-Timeout' else 'User-Request' end)::enum_sessions_terminate_cause,
             s.started + interval '40 minutes'
      from generate_series(${from}::int, ${to}::int) g
      join branch b on b.n = g % ${branchCount}
      join customer c on c.n = g % ${CUSTOMERS}
      cross join lateral (
        select case when g > ${ROWS - OPEN_SESSIONS} then now() - (g % 50) * interval '1 minute' - (case when g % 10 = 0 then interval '2 hours' else interval '0' end)
                    else now() - ((${ROWS} - g)::float / ${ROWS}) * interval '365 days' - interval '1 hour' end as started
      ) s`)
    process.stdout.write(`\r  ${to.toLocaleString('en')} sessions`)
  }
  process.stdout.write(`\n  rebuilding ${sessionIndexes.length} indexes`)
  for (const { definition } of sessionIndexes) await query(sql.raw(definition))
  await query(sql`vacuum analyze`)
  console.log(`\n  filled in ${((performance.now() - fillStart) / 1000).toFixed(0)} s`)
}
