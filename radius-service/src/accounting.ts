import { sql } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'

import { drizzleFor, rowsOf } from '@/db/sql'
import { inKeyOrder, runStatement, type Statement, toSql } from '@/db/statements'
import { inSystemTransaction } from '@/db/transaction'
import { isUuid } from '@/lib/ids'
import { canonicalIp } from '@/lib/ip'
import { canonicalMac } from '@/lib/mac'
import { BYTES_PER_MB } from '@/lib/units'
import { findCustomerByMac } from '@/plugins/network/logins/customers'
import { organizationAccount } from '@/plugins/network/logins/organizationAccounts'
import { TERMINATE_CAUSES, type TerminateCause } from '@/plugins/network/sessions/fields'

import { CLASS_PREFIX, UNKNOWN_DEVICE_MAC } from './access'
import { firstValue, textValue } from './protocol/attributeValues'
import type { KnownRouter } from './routers'

const STATUS_TYPES = ['Start', 'Interim-Update', 'Stop', 'Accounting-On', 'Accounting-Off'] as const
export type AcctStatusType = (typeof STATUS_TYPES)[number]

/** RFC 3580 §3.32 causes the package's RFC 2866 dictionary has no names for. */
const EXTRA_CAUSES: Record<number, TerminateCause> = {
  19: 'Supplicant-Restart',
  20: 'Reauthentication-Failure',
  21: 'Port-Reinit',
  22: 'Port-Administratively-Disabled',
}

/** An Event-Timestamp further than this from our clock is a router without NTP (often 1970). */
const MAX_CLOCK_SKEW_MS = 24 * 60 * 60 * 1000

export type AccountingRecord = {
  statusType: AcctStatusType
  acctSessionId: string | null
  /** The session Beacon accepted, from the Class it put in the Access-Accept. */
  classSession: string | null
  deviceMac: string | null
  framedIp: string | null
  /** Cumulative for the session: Acct-*-Gigawords × 2^32 + Acct-*-Octets. */
  inputOctets: bigint
  outputOctets: bigint
  /** When it happened at the router: Event-Timestamp (or arrival) minus Acct-Delay-Time. */
  eventTime: Date
  /** Acct-Session-Time: seconds the session had lasted at eventTime. */
  sessionTime: number | null
  terminateCause: TerminateCause | null
  /** User-Name as the router knows the login; Disconnect and CoA repeat it. */
  userName: string | null
}

export class UnsupportedAccountingError extends Error {
  override name = 'UnsupportedAccountingError'
}

/** A text attribute's value, or null when it is absent or empty. */
const text = (value: unknown): string | null => textValue(value) || null
const count = (value: unknown): bigint => {
  const one = firstValue(value)
  return typeof one === 'number' && Number.isInteger(one) && one >= 0 ? BigInt(one) : 0n
}

function causeOf(value: unknown): TerminateCause | null {
  const one = firstValue(value)
  if (one === undefined || one === null) return null
  if (typeof one === 'number') return EXTRA_CAUSES[one] ?? 'Unknown'
  return (TERMINATE_CAUSES as readonly string[]).includes(String(one)) ? (one as TerminateCause) : 'Unknown'
}

/** Reads an Accounting-Request's attributes; throws UnsupportedAccountingError for what Beacon does not record. */
export function accountingRecordOf(attributes: Record<string, unknown>, receivedAt: Date): AccountingRecord {
  const statusType = firstValue(attributes['Acct-Status-Type'])
  if (!(STATUS_TYPES as readonly unknown[]).includes(statusType)) {
    throw new UnsupportedAccountingError(`Acct-Status-Type ${String(statusType)} is not recorded.`)
  }
  const acctSessionId = text(attributes['Acct-Session-Id'])
  if (!acctSessionId && statusType !== 'Accounting-On' && statusType !== 'Accounting-Off') {
    throw new UnsupportedAccountingError(`A ${String(statusType)} without Acct-Session-Id cannot be recorded.`)
  }
  const stamp = firstValue(attributes['Event-Timestamp'])
  const delay = firstValue(attributes['Acct-Delay-Time'])
  const reported = stamp instanceof Date && Math.abs(stamp.getTime() - receivedAt.getTime()) <= MAX_CLOCK_SKEW_MS ? stamp : receivedAt
  const delaySeconds = typeof delay === 'number' && delay > 0 ? delay : 0
  const classValue = text(attributes.Class)
  const classSession = classValue?.startsWith(CLASS_PREFIX) ? classValue.slice(CLASS_PREFIX.length) : null
  const callingStation = text(attributes['Calling-Station-Id'])
  const framedIp = text(attributes['Framed-IP-Address'])
  const sessionTime = firstValue(attributes['Acct-Session-Time'])
  return {
    statusType: statusType as AcctStatusType,
    acctSessionId,
    classSession: isUuid(classSession) ? classSession.toLowerCase() : null,
    deviceMac: callingStation ? canonicalMac(callingStation) : null,
    framedIp: framedIp ? canonicalIp(framedIp) : null,
    inputOctets: (count(attributes['Acct-Input-Gigawords']) << 32n) + count(attributes['Acct-Input-Octets']),
    outputOctets: (count(attributes['Acct-Output-Gigawords']) << 32n) + count(attributes['Acct-Output-Octets']),
    eventTime: new Date(reported.getTime() - delaySeconds * 1000),
    sessionTime: typeof sessionTime === 'number' && sessionTime >= 0 ? sessionTime : null,
    terminateCause: causeOf(attributes['Acct-Terminate-Cause']),
    userName: text(attributes['User-Name']),
  }
}

export type AccountingOutcome = {
  /** The session written (Start/Interim/Stop) or how many were closed (On/Off). */
  session?: string
  closed?: number
  /** A session Beacon had not authorized was created for this record. */
  created?: boolean
  /** Open sessions of an allowance whose data cap this record reached, queued for Disconnect. */
  capped?: string[]
}

type Db = Awaited<ReturnType<typeof drizzleFor>>

const iso = (date: Date) => date.toISOString()

/**
 * Writes one Accounting-Request durably (one transaction) before the caller answers it. Counters
 * are cumulative and only ever move forward, so a repeated or reordered Interim-Update cannot
 * count anything twice or take usage back; a session that already ended keeps how it ended.
 */
export async function recordAccounting(
  payload: Payload,
  router: KnownRouter,
  record: AccountingRecord,
  { commonCase = commonCasesOneByOne(payload) }: { commonCase?: CommonCaseRunner } = {},
): Promise<AccountingOutcome> {
  if (record.statusType === 'Start' || record.statusType === 'Interim-Update' || record.statusType === 'Stop') {
    const done = await commonCase({ router, record })
    if (done) return done
  }
  return inSystemTransaction(payload, async (req) => {
    const db = await drizzleFor(payload, req)
    if (record.statusType === 'Accounting-On' || record.statusType === 'Accounting-Off') {
      const cause: TerminateCause = record.statusType === 'Accounting-On' ? 'NAS-Reboot' : 'NAS-Request'
      const closed = rowsOf(
        await db.execute(sql`
          update sessions set status = 'terminated', terminate_cause = ${cause}, ended_at = ${iso(record.eventTime)}::timestamptz,
            updated_at = now()
          where router_id = ${router.id} and status in ('pending', 'active')
          returning id`),
      ).length
      return { closed }
    }
    const { id, created, claim } = await sessionFor(payload, req, db, router, record)
    const applied = await apply(db, id, record, claim ? router : null)
    if (record.statusType === 'Interim-Update' && applied.still_online) {
      await disconnectAgain(payload, req, db, id)
      return { session: id, created, capped: [] }
    }
    const capped = record.statusType === 'Interim-Update' && applied.cap_mb ? await disconnectWhenCapped(payload, req, db, id) : []
    return { session: id, created, capped }
  })
}

/**
 * The session this record belongs to, locked. One Acct-Session-Id of a router is handled by one
 * transaction at a time (an advisory lock, across service instances). In order: the session the
 * Class names; the open session with this Acct-Session-Id; for Interim/Stop, the last ended one
 * (a late or repeated record); the device's accepted, not yet started session here; else a new
 * record of a session Beacon never accepted. `claim`: an accepted session that takes this
 * Acct-Session-Id in the same write as the record.
 */
async function sessionFor(
  payload: Payload,
  req: PayloadRequest,
  db: Db,
  router: KnownRouter,
  record: AccountingRecord,
): Promise<{ id: string; created: boolean; claim?: boolean }> {
  const acctSessionId = record.acctSessionId!
  await db.execute(toSql(lockStatement(router, acctSessionId)))
  const [open] = rowsOf<{ id: string; device_mac: string }>(await db.execute(toSql(openStatement(router, acctSessionId))))

  if (record.classSession) {
    const [named] = rowsOf<{ id: string; acct_session_id: string | null }>(await db.execute(toSql(namedStatement(router, record.classSession))))
    if (named?.acct_session_id === acctSessionId) return { id: named.id, created: false }
    if (named && named.acct_session_id === null) {
      if (open) await retire(db, open.id)
      return { id: named.id, created: false, claim: true }
    }
    if (named && open) return { id: open.id, created: false }
    if (named) {
      // The same acceptance reported under a new Acct-Session-Id (the device reconnected without
      // a new login): a session of its own within the same allowance.
      const [copy] = rowsOf<{ id: string }>(
        await db.execute(sql`
          insert into sessions (user_id, organization_id, location_id, device_mac, status, started_at, expires_at,
            router_id, acct_session_id, plan_id, voucher_id, auth_method)
          select user_id, organization_id, location_id, coalesce(${record.deviceMac}, device_mac), 'active',
            ${iso(startOf(record))}::timestamptz, expires_at, ${router.id}, ${acctSessionId}, plan_id, voucher_id, auth_method
          from sessions where id = ${named.id}
          returning id`),
      )
      return { id: copy.id, created: false }
    }
  }

  if (open) {
    // A Start from another device under an id an open session holds: the router reused the id
    // (after a reboot whose Accounting-On was lost), so that older session is over.
    if (record.statusType !== 'Start' || !record.deviceMac || record.deviceMac === open.device_mac) return { id: open.id, created: false }
    await retire(db, open.id)
  } else if (record.statusType !== 'Start') {
    const [ended] = rowsOf<{ id: string }>(
      await db.execute(sql`
        select id from sessions where router_id = ${router.id} and acct_session_id = ${acctSessionId}
        order by started_at desc limit 1 for update`),
    )
    if (ended) return { id: ended.id, created: false }
  }

  if (record.deviceMac) {
    // A router that does not echo Class: the device's latest accepted, not yet started session here.
    const [pending] = rowsOf<{ id: string }>(
      await db.execute(sql`
        select id from sessions
        where router_id = ${router.id} and device_mac = ${record.deviceMac} and status = 'pending' and acct_session_id is null
        order by started_at desc limit 1 for update`),
    )
    if (pending) return { id: pending.id, created: false, claim: true }
  }

  // Accounting for a session Beacon never accepted is still usage: keep it, with the customer who
  // registered the device when there is one.
  const user =
    (record.deviceMac ? await findCustomerByMac(payload, { organization: router.organization, mac: record.deviceMac }, req) : null) ??
    (await organizationAccount(payload, req, { organization: router.organization, kind: 'unregistered-devices' }))
  const startedAt = iso(startOf(record))
  const [inserted] = rowsOf<{ id: string }>(
    await db.execute(sql`
      insert into sessions (user_id, organization_id, location_id, device_mac, status, started_at, expires_at,
        router_id, acct_session_id, auth_method)
      values (${user}, ${router.organization}, ${router.location}, ${record.deviceMac ?? UNKNOWN_DEVICE_MAC}, 'active',
        ${startedAt}::timestamptz, ${startedAt}::timestamptz, ${router.id}, ${acctSessionId}, 'accounting')
      returning id`),
  )
  return { id: inserted.id, created: true }
}

/**
 * When the allowance this session belongs to (its voucher, or its customer's plan period) has
 * used its plan's data cap across all its devices, queues a Disconnect for each of its open
 * sessions, in this transaction. The next Access-Request is refused by the cap itself.
 */
async function disconnectWhenCapped(payload: Payload, req: PayloadRequest, db: Db, id: string): Promise<string[]> {
  const [allowance] = rowsOf<{ voucher_id: string | null; user_id: string; plan_id: string; expires_at: Date | string; cap_mb: string | null }>(
    await db.execute(sql`
      select s.voucher_id, s.user_id, s.plan_id, s.expires_at, p.data_cap_m_b::text as cap_mb
      from sessions s join plans p on p.id = s.plan_id
      where s.id = ${id} and s.status in ('pending', 'active')`),
  )
  if (!allowance?.cap_mb) return []
  await db.execute(toSql(allowanceLockStatement(id)))
  const expiresAt = new Date(allowance.expires_at).toISOString()
  const members = allowance.voucher_id
    ? sql`voucher_id = ${allowance.voucher_id}`
    : sql`user_id = ${allowance.user_id} and plan_id = ${allowance.plan_id} and voucher_id is null and expires_at = ${expiresAt}::timestamptz`
  const [usage] = rowsOf<{ used: string }>(
    await db.execute(sql`select coalesce(sum(usage_input_octets + usage_output_octets), 0)::text as used from sessions where ${members}`),
  )
  if (Number(usage.used) < Number(allowance.cap_mb) * BYTES_PER_MB) return []
  // Marked as being disconnected in the same statement, so later Interim-Updates do not queue it again.
  const open = rowsOf<{ id: string }>(
    await db.execute(sql`
      update sessions set control_action = 'disconnect', control_outcome = null, control_error_cause = null, control_at = now()
      where ${members} and status in ('pending', 'active')
        and not (control_action is not distinct from 'disconnect' and (control_outcome is null or control_outcome = 'sent'))
      returning id`),
  ).map((row) => row.id)
  for (const session of open) {
    await payload.jobs.queue({ task: 'disconnect-session', queue: 'radius', input: { session, cause: 'Data-Cap' }, req })
  }
  return open
}

/** Queues another Disconnect for a session Beacon ended that the router still reports (once at a time). */
async function disconnectAgain(payload: Payload, req: PayloadRequest, db: Db, id: string): Promise<void> {
  const [session] = rowsOf<{ terminate_cause: string }>(
    await db.execute(sql`
      update sessions set control_action = 'disconnect', control_outcome = null, control_error_cause = null, control_at = now()
      where id = ${id} returning terminate_cause`),
  )
  await payload.jobs.queue({ task: 'disconnect-session', queue: 'radius', input: { session: id, cause: session.terminate_cause }, req })
}

/** Ends an open session whose Acct-Session-Id the router has given to a new one. */
async function retire(db: Db, id: string): Promise<void> {
  await db.execute(sql`
    update sessions set status = 'terminated', terminate_cause = 'Stale',
      ended_at = coalesce(last_accounting_at, started_at), updated_at = now()
    where id = ${id}`)
}

/** When the session began at the router: the Start's time, or a later record's time minus Acct-Session-Time. */
function startOf(record: AccountingRecord): Date {
  if (record.statusType === 'Start' || record.sessionTime === null) return record.eventTime
  return new Date(record.eventTime.getTime() - record.sessionTime * 1000)
}

const lockStatement = (router: KnownRouter, acctSessionId: string): Statement => ({
  name: 'beacon_acct_lock',
  text: 'select pg_advisory_xact_lock(hashtext($1), hashtext($2))',
  values: [router.id, acctSessionId],
})

/**
 * The open session with this Acct-Session-Id: at most one (sessions_open_acct_session_id_idx).
 * Found through (router, Acct-Session-Id) as beacon_accounting_common finds it: status compared as
 * text, so that no index of status can stand in for the key while statistics are stale.
 */
export const openStatement = (router: KnownRouter, acctSessionId: string): Statement => ({
  name: 'beacon_acct_open',
  text: `select id, device_mac from sessions
    where router_id = $1 and acct_session_id = $2 and status::text in ('pending', 'active')
    for update`,
  values: [router.id, acctSessionId],
})

/** The session Class names, if it is of this router's organization: found by its id alone (the organization compared as text). */
export const namedStatement = (router: KnownRouter, session: string): Statement => ({
  name: 'beacon_acct_named',
  text: 'select id, acct_session_id from sessions where id = $1 and organization_id::text = $2::text for update',
  values: [session, router.organization],
})

/**
 * Applies the record to a locked session (`beacon_accounting_apply`, which the common case runs
 * too) and returns what the data cap check needs. Counters only move forward, and a session that
 * already ended keeps how it ended.
 */
function applyStatement(id: string, record: AccountingRecord, claimFor: KnownRouter | null): Statement {
  const p = parametersOf(record)
  const claim = claimFor ? [record.acctSessionId, claimFor.id, record.deviceMac, UNKNOWN_DEVICE_MAC, claimFor.organization] : [null, null, null, null, null]
  return {
    name: 'beacon_acct_apply',
    text: 'select * from beacon_accounting_apply($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)',
    values: [id, p.input, p.output, BYTES_PER_MB, p.framedIp, p.userName, p.eventTime, p.startedAt, p.stop, p.stopStatus, p.cause, ...claim],
  }
}

/** The record as the database functions take it (beacon_accounting_apply, beacon_accounting_common). */
function parametersOf(record: AccountingRecord) {
  return {
    input: record.inputOctets.toString(),
    output: record.outputOctets.toString(),
    framedIp: record.framedIp,
    userName: record.userName,
    eventTime: iso(record.eventTime),
    startedAt: iso(startOf(record)),
    stop: record.statusType === 'Stop',
    stopStatus: record.terminateCause === 'Session-Timeout' ? 'expired' : 'terminated',
    cause: record.terminateCause ?? 'Unknown',
  }
}

/** parametersOf's fields in the order beacon_accounting_common takes them after the record's identity. */
const PER_RECORD = ['input', 'output', 'framedIp', 'userName', 'eventTime', 'startedAt', 'stop', 'stopStatus', 'cause'] as const

/**
 * `still_online`: Beacon ended this session (force-logout, expiry, data cap) and no Disconnect is
 * on its way, yet the router reports it: the device is still online and must be disconnected.
 */
type Applied = { cap_mb: string | null; still_online: boolean }

/** `claimFor`: the router whose Acct-Session-Id the session takes in the same write, if any. */
async function apply(db: Db, id: string, record: AccountingRecord, claimFor: KnownRouter | null): Promise<Applied> {
  const [applied] = rowsOf<Applied>(await db.execute(toSql(applyStatement(id, record, claimFor))))
  // Only a claim's guard can leave the row unwritten, and sessionFor locked a claimable session.
  if (!applied) throw new Error(`Accounting for session ${id} was not written`)
  return applied
}

/**
 * Serializes the cap check of one allowance (a voucher, or a customer's plan period): two devices'
 * Interim-Updates hold different Acct-Session-Id locks, and without this each would sum the
 * other's usage from before its own update and both could miss the cap.
 */
const allowanceLockStatement = (id: string): Statement => ({
  name: 'beacon_acct_allowance_lock',
  text: `select pg_advisory_xact_lock(hashtext('beacon-allowance'), hashtext(coalesce(voucher_id::text, user_id::text)))
    from sessions where id = $1`,
  values: [id],
})

export type CommonCase = { router: KnownRouter; record: AccountingRecord }

/** What one record locks first: its router and Acct-Session-Id. */
export const commonCaseKey = ({ router, record }: CommonCase) => `${router.id} ${record.acctSessionId}`

/** Records common cases: one at a time, or batched by the service. */
export type CommonCaseRunner = (entry: CommonCase) => Promise<AccountingOutcome | null>

/**
 * Common cases in one statement (`beacon_accounting_common` once per record, in order), committed
 * on its own before this resolves: a record for a session this router already reported under this
 * Acct-Session-Id, or for the one its Class names before its start, with no data cap reached. It
 * decides with the same locks and rules as the full path. Anything else (a new or reused
 * Acct-Session-Id, a session Beacon never accepted, a cap reached, a session Beacon ended still
 * reported) writes nothing and comes back null, for recordAccounting's full path. Records are run
 * sorted by router and Acct-Session-Id, so two statements take those locks in one order; their
 * session and allowance locks can still cross, and then PostgreSQL's deadlock detection fails
 * one statement, whose records the caller runs alone.
 */
export function recordCommonCases(payload: Payload, entries: CommonCase[]): Promise<(AccountingOutcome | null)[]> {
  return inKeyOrder(entries, commonCaseKey, (sorted) => recordSorted(payload, sorted))
}

async function recordSorted(payload: Payload, sorted: CommonCase[]): Promise<(AccountingOutcome | null)[]> {
  const rows = await runStatement<{ ord: string; session: string | null }>(payload, commonCaseStatement(sorted))
  const sessions = new Map(rows.map((row) => [Number(row.ord), row.session]))
  return sorted.map((_, position) => {
    const session = sessions.get(position + 1)
    return session ? { session, created: false, capped: [] } : null
  })
}

/** `beacon_accounting_common` once per record, in the order given; a row (ord, session) per record. */
export function commonCaseStatement(sorted: CommonCase[]): Statement {
  const column = (value: (entry: CommonCase) => unknown) => sorted.map(value)
  const parameters = sorted.map(({ record }) => parametersOf(record))
  return {
    name: 'beacon_acct_common',
    text: `select i.ord, beacon_accounting_common(i.router, i.organization, i.acct_session_id, i.class_session, i.device_mac, i.status_type,
        i.input, i.output, $1, i.framed_ip, i.user_name, i.event_time, i.started_at, i.stop, i.stop_status, i.cause, $2) as session
      from unnest($3::uuid[], $4::uuid[], $5::text[], $6::uuid[], $7::text[], $8::text[], $9::numeric[], $10::numeric[], $11::text[],
        $12::text[], $13::timestamptz[], $14::timestamptz[], $15::boolean[], $16::text[], $17::text[])
        with ordinality as i(router, organization, acct_session_id, class_session, device_mac, status_type, input, output, framed_ip,
          user_name, event_time, started_at, stop, stop_status, cause, ord)`,
    values: [
      BYTES_PER_MB,
      UNKNOWN_DEVICE_MAC,
      column(({ router }) => router.id),
      column(({ router }) => router.organization),
      column(({ record }) => record.acctSessionId),
      column(({ record }) => record.classSession),
      column(({ record }) => record.deviceMac),
      column(({ record }) => record.statusType),
      ...PER_RECORD.map((field) => parameters.map((values) => values[field])),
    ],
  }
}

export const commonCasesOneByOne =
  (payload: Payload): CommonCaseRunner =>
  async (entry) =>
    (await recordCommonCases(payload, [entry]))[0]
