import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, incrementLoginAttempts, type Payload, resetLoginAttempts, type TypedUser } from 'payload'

import { drizzleFor, rowsOf } from '@/db/sql'
import { costOfAPasswordCheck, payloadPasswordMatches } from '@/lib/passwords'
import { canonicalPhone } from '@/lib/phone'

/** A customer a login names, with what checking their password needs. */
export type LoginCandidate = {
  id: string
  email: string
  salt: string | null
  hash: string | null
  login_attempts: string | null
  lock_until: Date | string | null
}

/**
 * The customers of the organization a login names: its username, email address or phone number
 * (any spelling), compared without case, through the names the database keeps unique per
 * organization (`customer_logins`). At most two, enough to tell one from several (a login that
 * names several names nobody; only names held twice before they were made unique can).
 */
export async function customersNamedBy(payload: Payload, organization: string, login: string): Promise<LoginCandidate[]> {
  const wanted = login.trim().toLowerCase()
  if (!wanted || wanted.length > 254) return []
  // Phone numbers are named by their digits, with or without the "+" (see customer_logins).
  const phone = canonicalPhone(wanted)?.replace('+', '') ?? wanted
  const db = await drizzleFor(payload)
  return rowsOf<LoginCandidate>(
    await db.execute(sql`
      select distinct u.id, u.email, u.salt, u.hash, u.login_attempts, u.lock_until from customer_logins l
      join users u on u.id = l.user_id
      where l.organization_id = ${organization} and l.login in (${wanted}, ${phone})
      limit 2`),
  )
}

export type PasswordCheck = { outcome: 'ok'; customer: string } | { outcome: 'wrong-credentials' | 'account-locked' }

/**
 * A customer signing in over RADIUS (PAP) with their username, email or phone number and their Beacon password.
 * Failures count towards the same lockout as the web sign-in (users: 5 attempts, 15 minutes), and
 * an unknown login costs as much time as a wrong password, so timing tells nobody which exist.
 */
export async function verifyCustomerPassword(
  payload: Payload,
  { organization, login, password }: { organization: string; login: string; password: string },
): Promise<PasswordCheck> {
  const candidates = await customersNamedBy(payload, organization, login)
  const [candidate] = candidates
  if (candidates.length !== 1 || !candidate.salt || !candidate.hash) {
    await costOfAPasswordCheck(password)
    return { outcome: 'wrong-credentials' }
  }
  if (candidate.lock_until && new Date(candidate.lock_until) > new Date()) {
    await costOfAPasswordCheck(password)
    return { outcome: 'account-locked' }
  }

  const usersCollection = payload.collections.users.config
  const loginAttempts = Number(candidate.login_attempts ?? 0)
  if (!(await payloadPasswordMatches(password, candidate.salt, candidate.hash))) {
    const user = { id: candidate.id, collection: 'users', loginAttempts, lockUntil: candidate.lock_until } as unknown as TypedUser
    await incrementLoginAttempts({ collection: usersCollection, payload, user })
    return { outcome: 'wrong-credentials' }
  }
  if (loginAttempts > 0) {
    const req = await createLocalReq({}, payload)
    await resetLoginAttempts({ collection: usersCollection, doc: { id: candidate.id, loginAttempts, lockUntil: candidate.lock_until }, payload, req })
  }
  return { outcome: 'ok', customer: candidate.id }
}
