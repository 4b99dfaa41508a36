import { setTimeout as sleep } from 'node:timers/promises'

import type { CollectionBeforeOperationHook, PayloadRequest } from 'payload'

import { costOfAPasswordCheck } from '@/lib/passwords'

const SIGN_IN_STARTED = 'beacon:signInStartedAt'

/**
 * How soon a refused sign-in is answered, at the earliest. A wrong password also costs a write
 * (Payload counts the failure on the account) that an unknown address does not, a few
 * milliseconds that many tries could still measure; below this floor nothing differs.
 */
export const REFUSED_SIGN_IN_FLOOR_MS = 300

/**
 * Payload answers a sign-in with an unknown email, or to an account that is locked out, before
 * it hashes anything (a few milliseconds), and a wrong password after hashing it (about 0.1 s):
 * the difference told anyone which addresses have an account. Those two cases pay for a
 * password check here, so every refusal costs as much (REST, GraphQL and the Local API alike);
 * `answerRefusedSignInOnTime` then evens out what remains.
 */
export const equalizeSignInTime: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'login') return args
  req.context[SIGN_IN_STARTED] = Date.now()
  const { email, password } = (args.data ?? {}) as { email?: unknown; password?: unknown }
  if (typeof email !== 'string' || typeof password !== 'string' || password.trim() === '') return args
  const { docs } = await req.payload.db.find<{ lockUntil?: string | null }>({
    collection: 'users',
    where: { email: { equals: email.toLowerCase().trim() } },
    limit: 1,
    pagination: false,
    req,
  })
  const [account] = docs
  if (!account || (account.lockUntil && new Date(account.lockUntil) > new Date())) await costOfAPasswordCheck(password)
  return args
}

/** Holds a refused sign-in's answer until REFUSED_SIGN_IN_FLOOR_MS after it began (REST and GraphQL refusals). */
export async function answerRefusedSignInOnTime(req: PayloadRequest): Promise<void> {
  const started = req.context[SIGN_IN_STARTED]
  if (typeof started !== 'number') return
  const wait = started + REFUSED_SIGN_IN_FLOOR_MS - Date.now()
  if (wait > 0) await sleep(wait)
}
