import { createHmac, hkdfSync } from 'node:crypto'

/**
 * The tamper-evident chain of audit rows. Each row's hash is an HMAC of its content and of the
 * previous row's hash in the same organization (or the platform's chain, for rows without one),
 * keyed from PAYLOAD_SECRET, which the database never holds: someone who can write to the
 * database can change a row, but cannot compute the hashes that would hide it. Each chain's
 * state (its newest row and, after pruning, the row it starts after) is authenticated the same
 * way, so removing the newest rows or forging a starting point shows too.
 */
export type ChainedContent = {
  organization: string | null
  sequence: number
  previousHash: string
  createdAt: string
  actor: string | null
  actorName: string | null
  action: string
  targetType: string
  targetId: string
  changes: unknown
}

export type ChainState = { chain: string; headSequence: number; headHash: string; anchorSequence: number; anchorHash: string }

/** The hash the first row of a chain points back to. */
export const GENESIS_HASH = '0'.repeat(64)

let cachedKey: { secret: string; key: Buffer } | null = null

function auditKey(masterSecret = process.env.PAYLOAD_SECRET): Buffer {
  if (!masterSecret) throw new Error('PAYLOAD_SECRET is not set: the audit log cannot be signed or verified')
  if (cachedKey?.secret !== masterSecret) {
    cachedKey = { secret: masterSecret, key: Buffer.from(hkdfSync('sha256', masterSecret, 'beacon', 'audit-log-chain', 32)) }
  }
  return cachedKey.key
}

/** JSON with object keys sorted at every level, so the same content always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null)
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`
}

const mac = (parts: unknown[], masterSecret?: string) => createHmac('sha256', auditKey(masterSecret)).update(canonicalJson(parts)).digest('hex')

/** The row's hash: HMAC-SHA-256 (hex) of its canonical content, the previous hash included. */
export function chainHash(content: ChainedContent, masterSecret?: string): string {
  return mac(
    [
      'row',
      content.organization,
      content.sequence,
      content.previousHash,
      new Date(content.createdAt).toISOString(),
      content.actor,
      content.actorName,
      content.action,
      content.targetType,
      content.targetId,
      content.changes ?? null,
    ],
    masterSecret,
  )
}

/** The authentication code of a chain's state. */
export function chainStateMac(state: ChainState, masterSecret?: string): string {
  return mac(['chain', state.chain, state.headSequence, state.headHash, state.anchorSequence, state.anchorHash], masterSecret)
}

/** The chain key of an organization (or of the platform's entries without one). */
export const chainKey = (organization: string | null) => organization ?? 'platform'
