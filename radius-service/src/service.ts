import { createSocket, type RemoteInfo, type Socket } from 'node:dgram'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import type { Payload } from 'payload'

import { provideRouterControl } from '@/plugins/network/control'
import { type VoucherLoginInput, voucherLogins } from '@/plugins/network/vouchers/redeemVoucher'

import { answerAccessRequest } from './access'
import { accountingRecordOf, type CommonCase, commonCaseKey, recordAccounting, recordCommonCases, UnsupportedAccountingError } from './accounting'
import { Batcher, ItemFailure } from './batching'
import { CoaClient } from './coa/client'
import type { RadiusConfig } from './config'
import { type ApiFallback, SessionControl } from './control'
import { type JobRunner, RADIUS_QUEUE, RADIUS_SWEEP_QUEUE, startJobRunner } from './jobs'
import { type DropReason, RadiusMetrics, type RequestType, serveMetrics } from './metrics'
import { signResponse, verifyAccountingRequest } from './protocol/authenticator'
import { DuplicateCache, duplicateKey } from './protocol/duplicates'
import { fillMessageAuthenticator, verifyMessageAuthenticator, withMessageAuthenticatorFirst } from './protocol/messageAuthenticator'
import {
  type AttributeValue,
  buildPacket,
  decodeAttributes,
  encodeAttributes,
  parseHeader,
  RADIUS_CODES,
  type RadiusHeader,
} from './protocol/packet'
import { type KnownRouter, RouterDirectory } from './routers'

type Logger = Payload['logger']

export type RadiusService = {
  authPort: number
  accountingPort: number
  metricsPort: number
  metrics: RadiusMetrics
  routers: RouterDirectory
  control: SessionControl
  /** Stops taking datagrams, finishes (and answers) the ones in flight, then closes the metrics endpoint. */
  close(): Promise<void>
}

const ZERO_AUTHENTICATOR = Buffer.alloc(16)
/**
 * Requests processed at once; beyond this a datagram is dropped and the router retries or fails
 * over, rather than queueing without bound while the database is slow.
 */
export const MAX_IN_FLIGHT = 512
const QUIET_WITHOUT_ROUTER: ReadonlySet<DropReason> = new Set(['malformed', 'unexpected-code', 'unknown-router'])
/** Room a reply needs besides the Proxy-State it echoes (MAX_PACKET_LENGTH is 4096). */
const MAX_ECHOED_PROXY_STATE = 2048

/**
 * Statements in flight per hot path, and records per statement. Two paths × 3 lanes leave the
 * rest of the database pool (10) to the full accounting path, the jobs and router health.
 */
const BATCHES = { lanes: 3, maxBatch: 32 }
/** Replies that must carry Message-Authenticator, first (RFC 3579 §3.2, BlastRADIUS). */
const SIGNED_WITH_MESSAGE_AUTHENTICATOR: ReadonlySet<number> = new Set([
  RADIUS_CODES['Access-Accept'],
  RADIUS_CODES['Access-Reject'],
  RADIUS_CODES['Access-Challenge'],
])

/** A reply to `request`: attributes, then Proxy-State copied in order, Message-Authenticator first where required, signed. */
export function buildReply(
  request: { header: RadiusHeader; proxyStates: Buffer[] },
  code: number,
  attributes: [string, AttributeValue][],
  secret: Buffer,
): Buffer {
  const encoded = encodeAttributes([...attributes, ...request.proxyStates.map((state): [string, Buffer] => ['Proxy-State', state])])
  let packet = buildPacket({ code, identifier: request.header.identifier, authenticator: request.header.authenticator, attributes: encoded })
  if (SIGNED_WITH_MESSAGE_AUTHENTICATOR.has(code)) {
    packet = fillMessageAuthenticator(withMessageAuthenticatorFirst(packet), request.header.authenticator, secret)
  }
  return signResponse(packet, request.header.authenticator, secret)
}

/** Resolves once the datagram has left (or failed to), so shutdown never closes a socket under a reply. */
function send(socket: Socket, datagram: Buffer, remote: RemoteInfo, log: Logger): Promise<void> {
  return new Promise((resolve) => {
    socket.send(datagram, remote.port, remote.address, (error) => {
      if (error) log.warn({ err: error, to: `${remote.address}:${remote.port}` }, 'Could not send a RADIUS reply')
      resolve()
    })
  })
}

async function bindUdp(host: string, port: number, onMessage: (socket: Socket, message: Buffer, remote: RemoteInfo) => void): Promise<Socket> {
  const socket = createSocket({ type: host.includes(':') ? 'udp6' : 'udp4', reuseAddr: false })
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject)
    socket.bind(port, host, () => {
      socket.off('error', reject)
      resolve()
    })
  })
  socket.on('message', (message, remote) => onMessage(socket, message, remote))
  return socket
}

/**
 * Beacon's RADIUS server: Access-Requests on one UDP port, Accounting-Requests on another. Each
 * datagram is checked (framing, a registered router, its authenticators) and dropped silently
 * when anything is wrong, with the reason counted; a retransmission gets the reply already sent.
 * Nothing in a datagram can throw out of the handler.
 */
export async function startRadiusService({
  payload,
  config,
  logger = payload.logger,
  jobIntervalMs = 1_000,
  coa = {},
  apiFallback,
}: {
  payload: Payload
  config: RadiusConfig
  logger?: Logger
  /** How often the job runners (when `config.runJobs`) look for work. */
  jobIntervalMs?: number
  /** CoA/Disconnect retransmission: first wait and number of sends. */
  coa?: { timeoutMs?: number; attempts?: number }
  /** Default: remove the device over the RouterOS API where the router has an API login; null: none. */
  apiFallback?: ApiFallback | null
}): Promise<RadiusService> {
  const log = logger.child({ service: 'radius' })
  const coaClient = new CoaClient(coa)
  const control = new SessionControl(payload, coaClient, { interimIntervalSeconds: config.interimIntervalSeconds, log, apiFallback })
  const metrics = new RadiusMetrics()
  const routers = new RouterDirectory(payload)
  const duplicates = new DuplicateCache({ windowMs: config.duplicateWindowMs })
  // Concurrent voucher logins and common accounting records share statements and commits.
  const voucherLogin = new Batcher(
    async (logins: VoucherLoginInput[]) =>
      (await voucherLogins(payload, logins)).map((decided) => (decided instanceof Error ? new ItemFailure(decided) : decided)),
    BATCHES,
  )
  // One record per router and Acct-Session-Id in a statement: a later one waits, so records of a
  // session are decided in the order they came even when one of them takes the full path.
  const commonCase = new Batcher((entries: CommonCase[]) => recordCommonCases(payload, entries), {
    ...BATCHES,
    keyOf: commonCaseKey,
  })
  const inFlight = new Set<Promise<void>>()
  const lastSeenWritten = new Map<string, number>()
  let closing = false

  const drop = (type: RequestType, reason: DropReason, remote: RemoteInfo, details: Record<string, unknown> = {}) => {
    metrics.drop(type, reason)
    // Anyone can send garbage to a UDP port: without a known router it is counted, not logged loudly.
    const noise = reason === 'duplicate-in-progress' || (!('router' in details) && QUIET_WITHOUT_ROUTER.has(reason))
    const level = noise ? 'debug' : 'warn'
    log[level]({ type, reason, from: `${remote.address}:${remote.port}`, ...details }, 'RADIUS request dropped')
  }

  /** Every authentic request shows the router is alive; written at most every 10 s per router. */
  const touchRouter = (router: KnownRouter) => {
    const now = Date.now()
    if ((lastSeenWritten.get(router.id) ?? 0) > now - 10_000) return
    lastSeenWritten.set(router.id, now)
    const write = payload
      .update({ collection: 'routers', id: router.id, data: { lastSeenAt: new Date(now).toISOString() }, overrideAccess: true, depth: 0 })
      .then(
        () => undefined,
        (error: unknown) => {
          lastSeenWritten.delete(router.id)
          log.warn({ router: router.id, err: error }, 'Could not record when the router was last seen')
        },
      )
      .finally(() => inFlight.delete(write))
    // Shutdown waits for it like for a request, so the database is not closed under it.
    inFlight.add(write)
  }

  async function handle(type: RequestType, socket: Socket, message: Buffer, remote: RemoteInfo): Promise<void> {
    const startedAt = process.hrtime.bigint()
    let header: RadiusHeader
    try {
      header = parseHeader(message)
    } catch (error) {
      return drop(type, 'malformed', remote, { problem: (error as Error).message })
    }
    const expectedCode = type === 'access' ? RADIUS_CODES['Access-Request'] : RADIUS_CODES['Accounting-Request']
    if (header.code !== expectedCode) return drop(type, 'unexpected-code', remote, { code: header.code })

    let router: KnownRouter | null
    try {
      router = await routers.lookup(remote.address)
    } catch (error) {
      return drop(type, 'processing-failed', remote, { problem: 'router lookup failed', err: error })
    }
    if (!router) return drop(type, 'unknown-router', remote)
    const context = { router: router.id, organization: router.organization }

    const key = duplicateKey(remote.address, remote.port, message)
    const seen = duplicates.lookup(key)
    if (seen.state === 'answered') {
      await send(socket, seen.reply, remote, log)
      metrics.answered(type, 'duplicate', startedAt)
      log.debug({ ...context, identifier: header.identifier }, 'Retransmission answered from the duplicate cache')
      return
    }
    if (seen.state === 'in-progress') return drop(type, 'duplicate-in-progress', remote, context)

    if (type === 'accounting' && !verifyAccountingRequest(message, router.secret)) {
      return drop(type, 'bad-authenticator', remote, { ...context, hint: 'wrong shared secret?' })
    }
    const hmacAuthenticator = type === 'access' ? header.authenticator : ZERO_AUTHENTICATOR
    const messageAuthenticator = verifyMessageAuthenticator(message, hmacAuthenticator, router.secret)
    if (messageAuthenticator === 'invalid') return drop(type, 'bad-message-authenticator', remote, { ...context, hint: 'wrong shared secret?' })
    if (type === 'access' && messageAuthenticator === 'absent' && router.requireMessageAuthenticator) {
      return drop(type, 'missing-message-authenticator', remote, context)
    }

    let decoded: ReturnType<typeof decodeAttributes>
    try {
      decoded = decodeAttributes(message)
    } catch (error) {
      return drop(type, 'malformed', remote, { ...context, problem: (error as Error).message })
    }
    // Checked before anything is processed: a reply that cannot hold the echo could not be sent.
    const echoed = decoded.proxyStates.reduce((total, state) => total + state.length + 2, 0)
    if (echoed > MAX_ECHOED_PROXY_STATE) return drop(type, 'malformed', remote, { ...context, problem: `${echoed} octets of Proxy-State` })
    touchRouter(router)

    duplicates.begin(key)
    let reply: Buffer | null = null
    try {
      if (type === 'access') {
        const answer = await answerAccessRequest(payload, router, { header, attributes: decoded.attributes }, {
          interimIntervalSeconds: config.interimIntervalSeconds,
          voucherLogin: (login) => voucherLogin.submit(login),
        })
        reply = buildReply({ header, proxyStates: decoded.proxyStates }, RADIUS_CODES[answer.code], answer.attributes, router.secret)
        const result = answer.code === 'Access-Accept' ? 'accept' : 'reject'
        await send(socket, reply, remote, log)
        metrics.answered(type, result, startedAt)
        // Per request at debug, like FreeRADIUS's auth log (off by default): at scale it is most of the output.
        log.debug({ ...context, session: answer.session, method: answer.method, result, reason: answer.reason }, `Access-Request ${result}ed`)
      } else {
        let outcome: Awaited<ReturnType<typeof recordAccounting>> | null = null
        let statusType: string | undefined
        try {
          const record = accountingRecordOf(decoded.attributes, new Date())
          statusType = record.statusType
          outcome = await recordAccounting(payload, router, record, { commonCase: (entry) => commonCase.submit(entry) })
        } catch (error) {
          if (!(error instanceof UnsupportedAccountingError)) throw error
          // RFC 2866 §4.1: answer what we choose not to record, or the router resends it forever.
          log.warn({ ...context, problem: error.message }, 'Accounting-Request acknowledged but not recorded')
        }
        reply = buildReply({ header, proxyStates: decoded.proxyStates }, RADIUS_CODES['Accounting-Response'], [], router.secret)
        await send(socket, reply, remote, log)
        metrics.answered(type, outcome ? 'recorded' : 'ignored', startedAt)
        log.debug({ ...context, statusType, ...outcome }, 'Accounting recorded')
      }
    } catch (error) {
      // No answer: the router retries (or fails over), and the retry is processed afresh.
      reply = null
      drop(type, 'processing-failed', remote, { ...context, err: error })
    } finally {
      duplicates.finish(key, reply)
    }
  }

  const onMessage = (type: RequestType) => (socket: Socket, message: Buffer, remote: RemoteInfo) => {
    if (closing) return drop(type, 'shutting-down', remote)
    if (inFlight.size >= MAX_IN_FLIGHT) return drop(type, 'overloaded', remote)
    metrics.inFlight.inc()
    const work = handle(type, socket, message, remote)
      .catch((error: unknown) => drop(type, 'processing-failed', remote, { err: error }))
      .finally(() => {
        metrics.inFlight.dec()
        inFlight.delete(work)
      })
    inFlight.add(work)
  }

  const sockets: Socket[] = []
  let metricsServer: Server | null = null
  try {
    sockets.push(await bindUdp(config.host, config.authPort, onMessage('access')))
    sockets.push(await bindUdp(config.host, config.accountingPort, onMessage('accounting')))
    const served = await serveMetrics(metrics, config.metricsHost, config.metricsPort)
    metricsServer = served.server
  } catch (error) {
    for (const socket of sockets) socket.close()
    throw error
  }
  for (const socket of sockets) {
    socket.on('error', (error) => log.error({ err: error }, 'RADIUS socket error'))
  }
  provideRouterControl(control)
  const runners: JobRunner[] = config.runJobs
    ? [RADIUS_QUEUE, RADIUS_SWEEP_QUEUE].map((queue) => startJobRunner(payload, log, { queue, intervalMs: jobIntervalMs }))
    : []
  const service: RadiusService = {
    authPort: (sockets[0].address() as AddressInfo).port,
    accountingPort: (sockets[1].address() as AddressInfo).port,
    metricsPort: (metricsServer.address() as AddressInfo).port,
    metrics,
    routers,
    control,
    async close() {
      if (closing) return
      closing = true
      await Promise.all(runners.map((runner) => runner.stop()))
      provideRouterControl(null)
      // Finish first: in-flight handlers still send their replies on these sockets.
      while (inFlight.size > 0) await Promise.allSettled([...inFlight])
      await Promise.all(sockets.map((socket) => new Promise<void>((resolve) => socket.close(() => resolve()))))
      await coaClient.close()
      await new Promise<void>((resolve) => {
        metricsServer!.close(() => resolve())
        metricsServer!.closeAllConnections()
      })
    },
  }
  log.info(
    { host: config.host, authPort: service.authPort, accountingPort: service.accountingPort, metricsPort: service.metricsPort },
    'RADIUS service listening',
  )
  return service
}
