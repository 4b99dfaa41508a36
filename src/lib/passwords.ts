import { pbkdf2, timingSafeEqual } from 'node:crypto'
import { promisify } from 'node:util'

const pbkdf2Async = promisify(pbkdf2)

// Payload's password hashes (payload/dist/auth/strategies/local/generatePasswordSaltHash.js).
const CURRENT_PREFIX = 'pbkdf2-sha256-v1:'
const CURRENT = { iterations: 600_000, keyLength: 32 }
const LEGACY = { iterations: 25_000, keyLength: 512 }

/** Checks a password against a Payload hash in constant time; false for a hash it cannot read. */
export async function payloadPasswordMatches(password: string, salt: string, hash: string): Promise<boolean> {
  const current = hash.startsWith(CURRENT_PREFIX)
  const { iterations, keyLength } = current ? CURRENT : LEGACY
  const stored = Buffer.from(current ? hash.slice(CURRENT_PREFIX.length) : hash, 'hex')
  const computed = await pbkdf2Async(password, salt, iterations, keyLength, 'sha256')
  return stored.length === computed.length && timingSafeEqual(stored, computed)
}

/**
 * As long as checking a password: an answer about nobody (or about a locked-out account, which
 * Payload refuses before hashing) takes as long as one about someone, so timing tells nobody
 * which accounts exist.
 */
export const costOfAPasswordCheck = (password: string) =>
  payloadPasswordMatches(password, 'no-such-account', `${CURRENT_PREFIX}${'0'.repeat(64)}`)
