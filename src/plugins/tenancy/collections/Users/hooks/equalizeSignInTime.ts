import { setTimeout as sleep } from 'node:timers/promises'

import { type CollectionBeforeOperationHook, LockedAuth, type PayloadRequest } from 'payload'

import { costOfAPasswordCheck } from '@/lib/passwords'

const SIGN_IN_STARTED = 'beacon:signInStartedAt'

/**
 * How soon a refused sign-in is answered, at the earliest. A wrong password also costs a write
 * (Payload counts the failure on the account) that an unknown address does not, a few
 * milliseconds that many tries could still measure; below this floor nothing differs.
 */
export const REFUSED_SIGN_IN_FLOOR_MS = 300

/**
 * Addresses with no account are locked out as accounts are, so the answers tell nobody which is
 * which: `maxLoginAttempts` refusals lock the address for `lockTime` (the last refusal before the
 * lock is a wrong password still; later ones say "locked"), and the next try after the lock starts
 * the count again, as Payload counts an account's (auth/strategies/local/incrementLoginAttempts).
 * In memory and bounded: past `maxAddresses` the oldest address is forgotten.
 */
export class UnknownAddressLockouts {
  private readonly addresses = new Map<string, { attempts: number; lockUntil: number | null }>()

  constructor(
    private readonly maxLoginAttempts: number,
    private readonly lockTime: number,
    private readonly maxAddresses = 50_000,
  ) {}

  /** Whether a sign-in to `address` is refused as locked now; otherwise it counts as one more failure. */
  refuse(address: string, now = Date.now()): boolean {
    const known = this.addresses.get(address)
    if (known?.lockUntil && known.lockUntil > now) return true
    const attempts = known && !known.lockUntil ? known.attempts + 1 : 1
    this.addresses.delete(address)
    this.addresses.set(address, { attempts, lockUntil: attempts >= this.maxLoginAttempts ? now + this.lockTime : null })
    if (this.addresses.size > this.maxAddresses) this.addresses.delete(this.addresses.keys().next().value as string)
    return false
  }
}

const lockouts = new Map<string, UnknownAddressLockouts>()

/**
 * Payload answers a sign-in with an unknown email, or to an account that is locked out, before
 * it hashes anything (a few milliseconds), and a wrong password after hashing it (about 0.1 s):
 * the difference told anyone which addresses have an account. Those two cases pay for a
 * password check here, so every refusal costs as much (REST, GraphQL and the Local API alike);
 * `answerRefusedSignInOnTime` then evens out what remains. An unknown address is also locked out
 * as an account is (UnknownAddressLockouts): "locked" after five tries told that an account exists.
 */
export const equalizeSignInTime: CollectionBeforeOperationHook = async ({ args, collection, operation, req }) => {
  if (operation !== 'login') return args
  req.context[SIGN_IN_STARTED] = Date.now()
  const { email, password } = (args.data ?? {}) as { email?: unknown; password?: unknown }
  if (typeof email !== 'string' || typeof password !== 'string' || password.trim() === '') return args
  const address = email.toLowerCase().trim()
  const { docs } = await req.payload.db.find<{ lockUntil?: string | null }>({
    collection: collection.slug,
    where: { email: { equals: address } },
    limit: 1,
    pagination: false,
    req,
  })
  const [account] = docs
  if (account && !(account.lockUntil && new Date(account.lockUntil) > new Date())) return args
  await costOfAPasswordCheck(password)
  if (!account) {
    const { maxLoginAttempts = 5, lockTime = 15 * 60_000 } = typeof collection.auth === 'object' ? collection.auth : {}
    let unknown = lockouts.get(collection.slug)
    if (!unknown) lockouts.set(collection.slug, (unknown = new UnknownAddressLockouts(maxLoginAttempts, lockTime)))
    if (maxLoginAttempts > 0 && unknown.refuse(address)) throw new LockedAuth(req.t)
  }
  return args
}

/** Holds a refused sign-in's answer until REFUSED_SIGN_IN_FLOOR_MS after it began (REST and GraphQL refusals). */
export async function answerRefusedSignInOnTime(req: PayloadRequest): Promise<void> {
  const started = req.context[SIGN_IN_STARTED]
  if (typeof started !== 'number') return
  const wait = started + REFUSED_SIGN_IN_FLOOR_MS - Date.now()
  if (wait > 0) await sleep(wait)
}
