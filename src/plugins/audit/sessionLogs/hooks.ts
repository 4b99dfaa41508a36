import {
  type AfterErrorHook,
  APIError,
  AuthenticationError,
  LockedAuth,
  ValidationError,
  type CollectionAfterErrorHook,
  type CollectionAfterLoginHook,
  type CollectionAfterLogoutHook,
  type CollectionAfterRefreshHook,
  type CollectionBeforeOperationHook,
  createLocalReq,
  type PayloadRequest,
} from 'payload'

import { findSessionLog, getAccessContext, relationId, SESSION_LOGS_SLUG, startingOrganization, type UserLike } from '@/access'
import { addressBlock, requestIp } from '@/lib/clientIp'
import { FailureWindow } from '@/lib/failureWindow'

import { answerRefusedSignInOnTime, USERS_SLUG } from '../../tenancy'

import type { FailureReason } from './index'
import { closeSessionLogs, cookieSessionOf, endLoginSession, openLoginSession } from './loginSessions'

/**
 * Failed sign-ins per client address: past the limit (BEACON_SIGN_IN_FAILURES_PER_ADDRESS,
 * default 20 in 15 minutes) sign-ins from that address are refused with 429 until the oldest
 * failure leaves the window. The per-account lockout stops guessing one password; this stops
 * trying one password on many accounts, and keeps a flood out of the session logs.
 */
export const failedSignIns = new FailureWindow(Number(process.env.BEACON_SIGN_IN_FAILURES_PER_ADDRESS) || 20, 15 * 60_000)

const RATE_LIMITED = 'beacon:signInRateLimited'
const COUNTED = 'beacon:signInCounted'

/**
 * Before a sign-in: refused while its address (an IPv6 address's /64) has used up its failures;
 * otherwise counted as a failure until it succeeds (`recordLogin` takes it back), so a burst of
 * parallel attempts cannot all get past the check before any of them has failed.
 */
export const limitSignInsPerAddress: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'login') return args
  const ip = requestIp(req.headers)
  if (!ip) return args
  const block = addressBlock(ip)
  if (failedSignIns.exhausted(block)) {
    req.context[RATE_LIMITED] = true
    const minutes = Math.max(1, Math.ceil(failedSignIns.retryAfterMs(block) / 60_000))
    throw new APIError(`Too many failed sign-ins from your address. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, 429, null, true)
  }
  failedSignIns.fail(block)
  req.context[COUNTED] = block
  return args
}

/** Set on `req.context` at a login over a browser that was already signed in. */
const REPLACED_SESSION = 'beacon:replacedSession'

/** Before a login, notes the cookie session it is about to replace (the browser keeps one cookie). */
export const noteReplacedSession: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation === 'login') {
    const previous = cookieSessionOf(req)
    if (previous) req.context[REPLACED_SESSION] = previous
  }
  return args
}

/** A session that ended (its log is closed) is not extended, even if its token still verifies. */
export const refuseEndedSessionRefresh: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation === 'refresh' && req.user && !(await getAccessContext(req)).userId) {
    throw new APIError('This session has ended. Sign in again.', 401, null, true)
  }
  return args
}

/** A successful sign-in opens its session log; the session its cookie replaces is ended. */
export const recordLogin: CollectionAfterLoginHook = async ({ req, token, user }) => {
  if (typeof req.context[COUNTED] === 'string') failedSignIns.refund(req.context[COUNTED])
  await openLoginSession(req, user, token)
  const previous = req.context[REPLACED_SESSION] as { userId: string; sessionId: string } | undefined
  if (previous) {
    const log = await findSessionLog(req, previous.sessionId, previous.userId)
    if (log) await endLoginSession(req, log.id, 'replaced')
  }
  return user
}

/** Signing out closes this session's log, or every open one of the user's with `?allSessions=true`. */
export const recordLogout: CollectionAfterLogoutHook = async ({ req }) => {
  const user = req.user as { id?: unknown; _sid?: string } | null
  const userId = relationId(user?.id)
  if (!userId) return
  const allSessions = req.searchParams?.get('allSessions') === 'true'
  if (!allSessions && !user?._sid) return
  await closeSessionLogs(req, allSessions ? { userId } : { userId, sessionId: user!._sid }, 'logout')
}

/** A refreshed token moves the session's expiry; the log follows, so the expiry job reads it right. */
export const recordRefresh: CollectionAfterRefreshHook = async ({ req, exp }) => {
  const user = req.user as { id?: unknown; _sid?: string } | null
  if (!user?._sid || !exp) return
  await req.payload.update({
    collection: SESSION_LOGS_SLUG,
    where: { and: [{ sessionId: { equals: user._sid } }, { user: { equals: relationId(user.id) } }, { logoutAt: { exists: false } }] },
    data: { expiresAt: new Date(exp * 1000).toISOString() },
    req,
    overrideAccess: true,
    depth: 0,
  })
}

const LOGIN_PATH = /\/users\/login\/?$/

/** Why a login failed, for the log (the person who tried is told only that it failed). */
function failureReasonOf(error: unknown, userKnown: boolean): FailureReason {
  if (error instanceof LockedAuth) return 'locked-out'
  if (error instanceof ValidationError) return 'invalid-request'
  if (error instanceof AuthenticationError) return userKnown ? 'wrong-password' : 'unknown-user'
  return 'refused'
}

const clip = (value: unknown) => (typeof value === 'string' ? value.trim().slice(0, 128) || null : null)

/**
 * A failed sign-in over the REST API is logged (user if known, address, device, reason) and
 * counts against its address; the account's lockout after `maxLoginAttempts` is Payload's.
 */
export const recordFailedLogin: CollectionAfterErrorHook = async ({ error, req }) => {
  if (req.method !== 'POST' || !LOGIN_PATH.test(new URL(req.url ?? 'http://x/').pathname)) return
  await recordFailedSignIn(req, error, clip((req.data as { email?: unknown } | undefined)?.email))
}

/**
 * The same for GraphQL's `loginUser` mutation. A config-level hook: GraphQL errors reach no
 * collection's hooks. The address entered is read from the mutation's variables when sent there.
 */
export const recordFailedGraphQLLogin: AfterErrorHook = async ({ error, graphqlResult, req }) => {
  if (!graphqlResult) return
  const field = (error as { path?: unknown[] }).path?.[0]
  if (typeof field !== 'string' || !/^login[A-Z]/.test(field)) return
  const variables = (req.data as { variables?: { email?: unknown } } | undefined)?.variables
  await recordFailedSignIn(req, (error as { originalError?: unknown }).originalError ?? error, clip(variables?.email))
}

/** Written outside the login's transaction, which was rolled back. */
async function recordFailedSignIn(req: PayloadRequest, error: unknown, identifier: string | null): Promise<void> {
  // Refused before checking anything: already counted and logged while the failures added up.
  if (req.context[RATE_LIMITED]) return
  const ip = requestIp(req.headers)
  try {
    const system = await createLocalReq({}, req.payload)
    const user = identifier ? await findUserByLogin(system, identifier) : null
    const organization = user ? await startingOrganization(system, user) : null
    await req.payload.create({
      collection: SESSION_LOGS_SLUG,
      req: system,
      overrideAccess: true,
      data: {
        user: user ? String(user.id) : null,
        outcome: 'failed',
        failureReason: failureReasonOf(error, user !== null),
        identifier,
        organization,
        loginAt: new Date().toISOString(),
        ipAddress: ip,
        userAgent: req.headers?.get('user-agent') ?? null,
        platformOwner: Boolean(user?.isSuperAdmin),
      },
    })
  } catch (logError) {
    // The person still gets the login's own answer; the log's failure is the operator's to see.
    req.payload.logger.error({ err: logError, ip, identifier, msg: 'Could not record a failed sign-in' })
  }
  await answerRefusedSignInOnTime(req)
}

/** Users sign in with their email address (Payload compares it in lower case). */
async function findUserByLogin(req: PayloadRequest, email: string): Promise<UserLike | null> {
  const { docs } = await req.payload.find({
    collection: USERS_SLUG,
    where: { email: { equals: email.toLowerCase() } },
    limit: 1,
    depth: 0,
    req,
    overrideAccess: true,
    select: { isSuperAdmin: true, defaultOrganization: true, memberships: true },
  })
  return (docs[0] as UserLike | undefined) ?? null
}
