import { APIError } from 'payload'

/** 403 with a message the person can act on (Payload's Forbidden only says "not allowed"). */
export function forbidden(message: string): APIError {
  return new APIError(message, 403, null, true)
}

/** 409: the request clashes with data already stored. */
export function conflict(message: string): APIError {
  return new APIError(message, 409, null, true)
}
