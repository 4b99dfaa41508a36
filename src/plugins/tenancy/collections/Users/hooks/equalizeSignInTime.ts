import type { CollectionBeforeOperationHook } from 'payload'

import { costOfAPasswordCheck } from '@/lib/passwords'

/**
 * Payload answers a sign-in with an unknown email, or to an account that is locked out, before
 * it hashes anything (a few milliseconds), and a wrong password after hashing it (about 0.1 s):
 * the difference told anyone which addresses have an account. Those two cases pay for a
 * password check here, so every refusal takes as long (REST, GraphQL and the Local API alike).
 */
export const equalizeSignInTime: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'login') return args
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
