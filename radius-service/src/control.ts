import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { drizzleFor, rowsOf } from '@/db/sql'
import { decryptSecret } from '@/lib/secrets'
import type { ControlResult, RouterControl } from '@/plugins/network/control'
import { mikrotikRateLimit } from '@/plugins/network/plans/replyAttributes'
import type { ControlOutcome, TerminateCause } from '@/plugins/network/sessions/fields'

import type { CoaClient, CoaKind, CoaResult } from './coa/client'
import type { AttributeValue } from './protocol/packet'
import { removeActive, routerHealth, RouterOsError } from './routeros/api'
import { apiTargetOf } from './routeros/routers'

type Logger = Payload['logger']

/** The RouterOS API fallback when CoA fails (issue 5, part 3); null where no API is configured. */
export type ApiFallback = (target: ControlTarget) => Promise<boolean>

export type ControlTarget = {
  session: string
  status: string
  routerId: string
  routerAddress: string
  coaPort: number
  secret: string
  acctSessionId: string | null
  userName: string | null
  framedIp: string | null
  deviceMac: string
  planId: string | null
  planType: string | null
}

/**
 * The fallback when a router does not do what CoA asked: remove the device from
 * `/ip/hotspot/active` (or the PPPoE user from `/ppp/active`) over the RouterOS API. True when
 * the router confirmed the device is gone.
 */
export function routerOsFallback(payload: Payload): ApiFallback {
  return async (target) => {
    const api = await apiTargetOf(payload, target.routerId)
    if (!api) return false
    const pppoe = target.planType === 'PPPOE' && target.userName
    await removeActive(api, pppoe ? { pppUser: target.userName } : { mac: target.deviceMac })
    return true
  }
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/

/**
 * Carries out Disconnect and CoA for sessions (RouterControl, provided to the jobs), records the
 * router's answer on the session, and ends sessions it disconnected.
 */
export class SessionControl implements RouterControl {
  readonly interimIntervalSeconds: number
  readonly #payload: Payload
  readonly #coa: CoaClient
  readonly #log: Logger
  readonly #apiFallback: ApiFallback | null

  constructor(
    payload: Payload,
    coa: CoaClient,
    { interimIntervalSeconds, log, apiFallback }: { interimIntervalSeconds: number; log: Logger; apiFallback?: ApiFallback | null },
  ) {
    this.#payload = payload
    this.#coa = coa
    this.interimIntervalSeconds = interimIntervalSeconds
    this.#log = log
    this.#apiFallback = apiFallback === undefined ? routerOsFallback(payload) : apiFallback
  }

  /**
   * Asks the router's API for its version and identity: ONLINE (with last seen) when it answers,
   * OFFLINE when it refuses, cannot be reached or says nothing in time. Routers without an API
   * login are left as they are.
   */
  async checkHealth(routerId: string): Promise<'ONLINE' | 'OFFLINE' | 'skipped'> {
    const api = await apiTargetOf(this.#payload, routerId)
    if (!api) return 'skipped'
    const system = { collection: 'routers' as const, id: routerId, depth: 0, overrideAccess: true }
    try {
      const { version, identity } = await routerHealth(api)
      await this.#payload.update({ ...system, data: { status: 'ONLINE', lastSeenAt: new Date().toISOString(), routerOsVersion: version, identity } })
      return 'ONLINE'
    } catch (error) {
      if (!(error instanceof RouterOsError)) throw error
      await this.#payload.update({ ...system, data: { status: 'OFFLINE' } })
      this.#log.warn({ router: routerId, kind: error.kind, problem: error.message }, 'Router health check failed: OFFLINE')
      return 'OFFLINE'
    }
  }

  /**
   * Ends the session in Beacon once the router confirms it is gone: ACK, removed over the API, or
   * a NAK saying it has no such session. A router that did not answer (or refused otherwise)
   * leaves it open, so the job retries and the sweep tries again, rather than Beacon believing
   * a device is offline while it is still online.
   */
  async disconnect(sessionId: string, cause: TerminateCause): Promise<ControlResult> {
    const target = await this.#target(sessionId)
    if (!target || (!target.acctSessionId && !target.userName)) {
      // No router to ask (deleted, or no secret), or the router never reported the session.
      await this.#end(sessionId, cause)
      return { outcome: 'skipped', detail: target ? 'the router never reported the session' : 'no router to ask' }
    }
    const result = await this.#send(target, 'Disconnect', [])
    const gone =
      result.outcome === 'acknowledged' ||
      result.outcome === 'api-fallback' ||
      (result.outcome === 'refused' && result.errorCause === 'Session-Context-Not-Found')
    if (gone) await this.#end(sessionId, cause)
    return result
  }

  async applyPlan(sessionId: string): Promise<ControlResult> {
    const target = await this.#target(sessionId)
    if (!target || !target.planId || !['pending', 'active'].includes(target.status)) return { outcome: 'skipped', detail: 'no open session with a plan' }
    if (!target.acctSessionId && !target.userName) return { outcome: 'skipped', detail: 'the router never reported the session' }
    const plan = await this.#payload.findByID({ collection: 'plans', id: target.planId, depth: 0, overrideAccess: true })
    const result = await this.#send(target, 'CoA', [['Mikrotik-Rate-Limit', mikrotikRateLimit(plan)]], { fallBack: false })
    if (result.outcome === 'acknowledged') return result
    // The router would not change the live session: drop it, so the device logs in again and gets the new plan.
    this.#log.info({ session: sessionId, router: target.routerId, coa: result }, 'CoA not applied; disconnecting so the device re-authenticates')
    return this.disconnect(sessionId, 'Admin-Reset')
  }

  async #send(
    target: ControlTarget,
    kind: CoaKind,
    extra: Array<[string, AttributeValue]>,
    { fallBack = true }: { fallBack?: boolean } = {},
  ): Promise<ControlResult> {
    const action = kind === 'CoA' ? 'coa' : 'disconnect'
    await this.#record(target.session, action, 'sent', null)
    const identify: Array<[string, AttributeValue]> = []
    if (target.userName) identify.push(['User-Name', target.userName])
    if (target.acctSessionId) identify.push(['Acct-Session-Id', target.acctSessionId])
    if (target.framedIp && IPV4.test(target.framedIp)) identify.push(['Framed-IP-Address', target.framedIp])
    if (IPV4.test(target.routerAddress)) identify.push(['NAS-IP-Address', target.routerAddress])
    identify.push(['Event-Timestamp', new Date()])
    let answer: CoaResult
    try {
      answer = await this.#coa.send({ address: target.routerAddress, port: target.coaPort, secret: target.secret }, kind, [...identify, ...extra])
    } catch (error) {
      this.#log.warn({ session: target.session, router: target.routerId, err: error }, `${kind}-Request could not be sent`)
      answer = { outcome: 'no-answer', attempts: 0 }
    }
    let outcome: ControlOutcome = answer.outcome === 'acknowledged' ? 'acknowledged' : answer.outcome === 'refused' ? 'refused' : 'failed'
    const errorCause = answer.outcome === 'refused' ? answer.errorCause : null
    if (outcome !== 'acknowledged' && fallBack && this.#apiFallback) {
      const removed = await this.#apiFallback(target).catch((error: unknown) => {
        this.#log.warn({ session: target.session, router: target.routerId, err: error }, 'RouterOS API fallback failed')
        return false
      })
      if (removed) outcome = 'api-fallback'
    }
    await this.#record(target.session, action, outcome, errorCause)
    this.#log.info({ session: target.session, router: target.routerId, action, outcome, errorCause, attempts: answer.attempts }, `${kind} sent`)
    return { outcome, errorCause }
  }

  async #target(sessionId: string): Promise<ControlTarget | null> {
    const db = await drizzleFor(this.#payload)
    const [row] = rowsOf<{
      status: string
      router_id: string
      ip_address: string
      coa_port: string | number | null
      secret_encrypted: string | null
      acct_session_id: string | null
      user_name: string | null
      usage_last_ip: string | null
      device_mac: string
      plan_id: string | null
      plan_type: string | null
    }>(
      await db.execute(sql`
        select s.status, s.router_id, r.ip_address, r.coa_port, r.secret_encrypted, s.acct_session_id, s.user_name,
          s.usage_last_ip, s.device_mac, s.plan_id, p.type as plan_type
        from sessions s join routers r on r.id = s.router_id left join plans p on p.id = s.plan_id
        where s.id = ${sessionId}`),
    )
    if (!row || !row.secret_encrypted) return null
    return {
      session: sessionId,
      status: row.status,
      routerId: row.router_id,
      routerAddress: row.ip_address,
      coaPort: Number(row.coa_port ?? 3799),
      secret: decryptSecret(row.secret_encrypted),
      acctSessionId: row.acct_session_id,
      userName: row.user_name,
      framedIp: row.usage_last_ip,
      deviceMac: row.device_mac,
      planId: row.plan_id,
      planType: row.plan_type,
    }
  }

  async #record(sessionId: string, action: 'disconnect' | 'coa', outcome: ControlOutcome, errorCause: string | null): Promise<void> {
    const db = await drizzleFor(this.#payload)
    await db.execute(sql`
      update sessions set control_action = ${action}, control_outcome = ${outcome}, control_error_cause = ${errorCause},
        control_at = now(), updated_at = now()
      where id = ${sessionId}`)
  }

  /** Ends the session if it is still open: expired when its time ran out, else terminated. */
  async #end(sessionId: string, cause: TerminateCause): Promise<void> {
    const db = await drizzleFor(this.#payload)
    const status = cause === 'Session-Timeout' ? 'expired' : 'terminated'
    await db.execute(sql`
      update sessions set status = ${status}, terminate_cause = ${cause},
        ended_at = case when ${cause} = 'Session-Timeout' then least(expires_at, now()) else now() end, updated_at = now()
      where id = ${sessionId} and status in ('pending', 'active')`)
  }
}
