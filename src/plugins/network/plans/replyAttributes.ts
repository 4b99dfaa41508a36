/**
 * Turns a plan and what a session has left into the RADIUS reply attributes RouterOS reads from an
 * Access-Accept (and later a CoA-Request). Pure: no I/O, no clock.
 */
// Rate-Limit format, rx = client upload: https://wiki.mikrotik.com/wiki/Manual:RADIUS_Client#Access-Accept

import { BYTES_PER_MB } from '@/lib/units'

export { BYTES_PER_MB }
export const DEFAULT_INTERIM_INTERVAL_SECONDS = 300
// RFC 2869 §5.16: an interim interval below 60 s should not be used; a day is plenty as an upper bound.
const MIN_INTERIM_INTERVAL_SECONDS = 60
const MAX_INTERIM_INTERVAL_SECONDS = 86_400
// Session-Timeout is a 32-bit unsigned RADIUS integer.
const MAX_SESSION_TIMEOUT_SECONDS = 0xffff_ffff

const BITS_PER_MBIT = 1_000_000
const LOW_32_BITS = 0xffff_ffffn

export type PlanLimits = {
  downloadMbps: number
  uploadMbps: number
  /** A burst is only emitted when both burst rates, both thresholds and the time are all given. */
  burst?: {
    downloadMbps?: number | null
    uploadMbps?: number | null
    thresholdDownloadMbps?: number | null
    thresholdUploadMbps?: number | null
    timeSeconds?: number | null
  } | null
  dataCapMB?: number | null
}

export type SessionAllowance = {
  now: Date
  expiresAt: Date
  /** Bytes already used against the cap, across all of the customer's devices. */
  usedBytes?: number | bigint
  interimIntervalSeconds?: number
}

export type MikrotikReplyAttributes = {
  'Mikrotik-Rate-Limit': string
  'Session-Timeout': number
  'Acct-Interim-Interval': number
  'Mikrotik-Total-Limit'?: number
  'Mikrotik-Total-Limit-Gigawords'?: number
}

export type AllowanceExhaustedReason = 'expired' | 'data-cap'

/** Nothing is left to grant: the caller should answer with an Access-Reject. */
export class AllowanceExhaustedError extends Error {
  readonly reason: AllowanceExhaustedReason

  constructor(reason: AllowanceExhaustedReason) {
    super(reason === 'expired' ? 'The session allowance has expired' : 'The data cap is used up')
    this.name = 'AllowanceExhaustedError'
    this.reason = reason
  }
}

/** RouterOS rate string: whole kbps, written in `M` when it divides exactly, else in `k`. */
export function formatRate(bitsPerSecond: number): string {
  if (!Number.isFinite(bitsPerSecond) || bitsPerSecond <= 0) {
    throw new RangeError(`bitsPerSecond must be a positive finite number, got ${bitsPerSecond}`)
  }
  // RouterOS cannot express fractions of a kbps; a positive rate must never round to "0" (unlimited).
  const kbps = Math.max(1, Math.round(bitsPerSecond / 1000))
  return kbps % 1000 === 0 ? `${kbps / 1000}M` : `${kbps}k`
}

/** `rx/tx [rx-burst/tx-burst rx-threshold/tx-threshold rx-time/tx-time]`, rx being the client's upload. */
export function mikrotikRateLimit(plan: PlanLimits): string {
  requirePositive(plan.downloadMbps, 'plan.downloadMbps')
  requirePositive(plan.uploadMbps, 'plan.uploadMbps')
  const rates = ratePair(plan.uploadMbps, plan.downloadMbps)

  const burst = plan.burst
  if (!burst) return rates
  const { downloadMbps, uploadMbps, thresholdDownloadMbps, thresholdUploadMbps, timeSeconds } = burst
  // A half-configured burst is ignored, but a wrong value is still a mistake worth reporting.
  if (isGiven(downloadMbps)) requirePositive(downloadMbps, 'plan.burst.downloadMbps')
  if (isGiven(uploadMbps)) requirePositive(uploadMbps, 'plan.burst.uploadMbps')
  if (isGiven(thresholdDownloadMbps)) requirePositive(thresholdDownloadMbps, 'plan.burst.thresholdDownloadMbps')
  if (isGiven(thresholdUploadMbps)) requirePositive(thresholdUploadMbps, 'plan.burst.thresholdUploadMbps')
  if (isGiven(timeSeconds)) requirePositive(timeSeconds, 'plan.burst.timeSeconds')

  if (
    !isGiven(downloadMbps) ||
    !isGiven(uploadMbps) ||
    !isGiven(thresholdDownloadMbps) ||
    !isGiven(thresholdUploadMbps) ||
    !isGiven(timeSeconds)
  ) {
    return rates
  }
  // Burst time is written in whole seconds.
  const burstSeconds = Math.max(1, Math.round(timeSeconds))
  return [
    rates,
    ratePair(uploadMbps, downloadMbps),
    ratePair(thresholdUploadMbps, thresholdDownloadMbps),
    `${burstSeconds}/${burstSeconds}`,
  ].join(' ')
}

/**
 * The reply attributes for a session. Throws AllowanceExhaustedError when there is no time or data
 * left (time is checked first), RangeError for an invalid plan or allowance.
 */
export function planReplyAttributes(plan: PlanLimits, allowance: SessionAllowance): MikrotikReplyAttributes {
  const rateLimit = mikrotikRateLimit(plan)
  const capBytes = capInBytes(plan.dataCapMB)
  const usedBytes = usedBytesOf(allowance.usedBytes)
  const interimInterval = interimIntervalOf(allowance.interimIntervalSeconds)

  const nowMs = requireValidDate(allowance.now, 'allowance.now')
  const expiresAtMs = requireValidDate(allowance.expiresAt, 'allowance.expiresAt')
  const remainingMs = expiresAtMs - nowMs
  if (remainingMs <= 0) throw new AllowanceExhaustedError('expired')
  const sessionTimeout = Math.min(MAX_SESSION_TIMEOUT_SECONDS, Math.max(1, Math.floor(remainingMs / 1000)))

  const attributes: MikrotikReplyAttributes = {
    'Mikrotik-Rate-Limit': rateLimit,
    'Session-Timeout': sessionTimeout,
    'Acct-Interim-Interval': interimInterval,
  }
  if (capBytes === null) return attributes

  const remainingBytes = capBytes - usedBytes
  if (remainingBytes <= 0n) throw new AllowanceExhaustedError('data-cap')
  // Split like the Acct-*-Octets/Gigawords pairs: low 32 bits here, the rest in 4 GiB units.
  attributes['Mikrotik-Total-Limit'] = Number(remainingBytes & LOW_32_BITS)
  attributes['Mikrotik-Total-Limit-Gigawords'] = Number(remainingBytes >> 32n)
  return attributes
}

function ratePair(uploadMbps: number, downloadMbps: number): string {
  return `${formatRate(uploadMbps * BITS_PER_MBIT)}/${formatRate(downloadMbps * BITS_PER_MBIT)}`
}

function isGiven(value: number | null | undefined): value is number {
  return value !== null && value !== undefined
}

function requirePositive(value: number, field: string): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${field} must be a positive finite number, got ${value}`)
  }
}

function capInBytes(dataCapMB: number | null | undefined): bigint | null {
  if (!isGiven(dataCapMB)) return null
  if (!Number.isFinite(dataCapMB) || dataCapMB < 0) {
    throw new RangeError(`plan.dataCapMB must be a non-negative finite number, got ${dataCapMB}`)
  }
  // Rounding absorbs float noise from fractional caps (e.g. 1.1 MB).
  return BigInt(Math.round(dataCapMB * BYTES_PER_MB))
}

function usedBytesOf(usedBytes: number | bigint | undefined): bigint {
  if (usedBytes === undefined) return 0n
  if (typeof usedBytes === 'bigint') {
    if (usedBytes < 0n) throw new RangeError(`allowance.usedBytes must not be negative, got ${usedBytes}`)
    return usedBytes
  }
  if (!Number.isInteger(usedBytes) || usedBytes < 0) {
    throw new RangeError(`allowance.usedBytes must be a non-negative integer, got ${usedBytes}`)
  }
  return BigInt(usedBytes)
}

function interimIntervalOf(seconds: number | undefined): number {
  if (seconds === undefined) return DEFAULT_INTERIM_INTERVAL_SECONDS
  if (!Number.isFinite(seconds)) {
    throw new RangeError(`allowance.interimIntervalSeconds must be a finite number, got ${seconds}`)
  }
  return Math.min(MAX_INTERIM_INTERVAL_SECONDS, Math.max(MIN_INTERIM_INTERVAL_SECONDS, Math.round(seconds)))
}

function requireValidDate(date: Date, field: string): number {
  const ms = date instanceof Date ? date.getTime() : Number.NaN
  if (Number.isNaN(ms)) throw new RangeError(`${field} must be a valid Date`)
  return ms
}
