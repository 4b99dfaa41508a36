import { createHash } from 'node:crypto'

/**
 * The tamper-evident chain of audit rows. Each row's hash covers its content and the previous
 * row's hash in the same organization (or the platform's chain, for rows without one), so a row
 * changed, removed or inserted behind the application's back breaks the chain from there on.
 */
export type ChainedContent = {
  organization: string | null
  sequence: number
  previousHash: string
  createdAt: string
  actor: string | null
  action: string
  targetType: string
  targetId: string
  changes: unknown
}

/** The hash the first row of a chain points back to. */
export const GENESIS_HASH = '0'.repeat(64)

/** JSON with object keys sorted at every level, so the same content always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null)
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`
}

/** SHA-256 (hex) of the row's canonical content, the previous hash included. */
export function chainHash(content: ChainedContent): string {
  return createHash('sha256')
    .update(
      canonicalJson([
        content.organization,
        content.sequence,
        content.previousHash,
        new Date(content.createdAt).toISOString(),
        content.actor,
        content.action,
        content.targetType,
        content.targetId,
        content.changes ?? null,
      ]),
    )
    .digest('hex')
}
