import { APIError } from 'payload'

/** 403 with a message the person can act on (Payload's Forbidden only says "not allowed"). */
export function forbidden(message: string): APIError {
  return new APIError(message, 403, null, true)
}

/** 409: the request clashes with data already stored. */
export function conflict(message: string): APIError {
  return new APIError(message, 409, null, true)
}

/** 404: nothing with that id that the person may see (another tenant's data does not exist for them). */
export function notFound(message: string): APIError {
  return new APIError(message, 404, null, true)
}

/** 400: the request itself is wrong; the message says how. */
export function badRequest(message: string): APIError {
  return new APIError(message, 400, null, true)
}

/** 401: nobody is signed in. */
export function unauthorized(message = 'Sign in first.'): APIError {
  return new APIError(message, 401, null, true)
}
