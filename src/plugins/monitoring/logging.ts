import type { AfterErrorHook, Config, PayloadRequest } from 'payload'

import { knownAccessContext } from '@/access'
import { requestIp } from '@/lib/clientIp'

/**
 * Payload's error classes (and GraphQL's wrapper) whose logging `logRequestError` takes over.
 * Payload picks a level by class name alone (`loggingLevels`), so a plain APIError is ERROR with
 * a stack whether it is a 409 "You have an active session" or a 500; and a minified server
 * bundle renames the classes, which is why next.config.mjs keeps server code unminified.
 * Errors of any other class (a database error, a TypeError) stay ERROR with their stack.
 */
const TAKEN_OVER = [
  'APIError',
  'AuthenticationError',
  'FileUploadError',
  'Forbidden',
  'GraphQLError',
  'Locked',
  'LockedAuth',
  'MissingFile',
  'NotFound',
  'QueryError',
  'UnauthorizedError',
  'UnverifiedEmail',
  'ValidationError',
] as const

/** `false`: Payload does not log these itself; `logRequestError` does, by status. */
export const requestErrorLoggingLevels = Object.fromEntries(TAKEN_OVER.map((name) => [name, false])) as NonNullable<Config['loggingLevels']>

/** Refusals worth an operator's glance (sign-in failures, forbidden, locked out, rate-limited). */
const WARN_STATUSES = new Set([401, 403, 423, 429])

type StatusError = Error & { status?: unknown; data?: unknown }
type GraphQLErrorLike = Error & { originalError?: StatusError; path?: readonly (string | number)[] }

/** The status a failed request was answered with, and the error that decided it. */
function causeOf(error: Error): { status: number; cause: StatusError } {
  if (error.name === 'GraphQLError') {
    const original = (error as GraphQLErrorLike).originalError
    // Without an original error, the query itself was wrong (syntax, unknown field).
    if (!original) return { status: 400, cause: error }
    return { status: typeof original.status === 'number' ? original.status : 500, cause: original }
  }
  const status = (error as StatusError).status
  return { status: typeof status === 'number' ? status : 500, cause: error }
}

/** The level a failed request is logged at: what the person caused is not an ERROR. */
export function levelForStatus(status: number): 'error' | 'warn' | 'info' {
  if (status >= 500) return 'error'
  return WARN_STATUSES.has(status) ? 'warn' : 'info'
}

/** Who asked, from where and what: the ids an operator needs to find the request, never its body. */
async function requestContext(req: PayloadRequest): Promise<Record<string, unknown>> {
  const user = req.user as { id?: unknown; collection?: string } | null | undefined
  let organization: unknown
  try {
    organization = (await knownAccessContext(req))?.activeOrganization ?? undefined
  } catch {
    // The request failed while its access was being worked out; the user's id is still there.
  }
  return { method: req.method, path: req.pathname, ip: requestIp(req.headers) ?? undefined, user: user?.id, organization }
}

/**
 * Logs every request error that Payload's REST and GraphQL handlers answered with one of the
 * classes above: a refusal the person caused (4xx) at INFO, or WARN for 401/403/423/429, with
 * its message, status, route, user, organization and the error's data (the ids it names), and
 * no stack; anything else (5xx) at ERROR with its stack.
 */
export const logRequestError: AfterErrorHook = async ({ error, req, collection }) => {
  if (!(TAKEN_OVER as readonly string[]).includes(error.name)) return
  const { status, cause } = causeOf(error)
  const level = levelForStatus(status)
  const context = {
    status,
    ...(await requestContext(req)),
    collection: collection?.slug,
    graphql: error.name === 'GraphQLError' ? (error as GraphQLErrorLike).path?.join('.') : undefined,
    data: cause.data ?? undefined,
  }
  if (level === 'error') req.payload.logger.error({ ...context, err: cause }, cause.message)
  else req.payload.logger[level]({ ...context, error: cause.name }, cause.message)
}
