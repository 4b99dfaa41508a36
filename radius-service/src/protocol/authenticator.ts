/**
 * Request and Response Authenticators (RFC 2865 §3, RFC 2866 §3, RFC 5176 §2.3).
 * Pure byte functions: the caller encodes packets, these only hash and compare them.
 */
import { createHash, timingSafeEqual } from 'node:crypto'

import { AUTHENTICATOR_LENGTH, AUTHENTICATOR_OFFSET, HEADER_LENGTH, MAX_PACKET_LENGTH } from './header'

/** The RADIUS shared secret of a client; a string is used as its UTF-8 bytes. */
export type SharedSecret = Buffer | string

export function secretBytes(secret: SharedSecret): Buffer {
  const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret
  // RFC 2865 §3: the secret MUST NOT be empty; an empty one is a configuration mistake, not a packet error.
  if (bytes.length === 0) throw new RangeError('The RADIUS shared secret must not be empty.')
  return bytes
}

/**
 * The packet's Length field when it is usable (20..4096 and no longer than the buffer), else null.
 * RFC 2865 §3: octets beyond Length are padding and are ignored.
 */
export function declaredLength(packet: Buffer): number | null {
  if (packet.length < HEADER_LENGTH) return null
  const length = packet.readUInt16BE(2)
  if (length < HEADER_LENGTH || length > MAX_PACKET_LENGTH || length > packet.length) return null
  return length
}

/** The packet without trailing padding; throws when the Length field cannot be trusted. */
export function withoutPadding(packet: Buffer): Buffer {
  const length = declaredLength(packet)
  if (length === null) {
    throw new RangeError(`Not a RADIUS packet: ${packet.length} bytes with a Length field that does not fit them.`)
  }
  return packet.subarray(0, length)
}

export function assertAuthenticator(authenticator: Buffer, what: string): void {
  if (authenticator.length !== AUTHENTICATOR_LENGTH) {
    throw new RangeError(`${what} must be ${AUTHENTICATOR_LENGTH} bytes, got ${authenticator.length}.`)
  }
}

/** Constant-time comparison; a length mismatch is simply "not equal" (the length is not secret). */
export function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b)
}

/** MD5(Code + Identifier + Length + authenticator + Attributes + Secret), the shape shared by every authenticator. */
function md5WithAuthenticator(packet: Buffer, authenticator: Buffer, secret: SharedSecret): Buffer {
  const body = withoutPadding(packet)
  return createHash('md5')
    .update(body.subarray(0, AUTHENTICATOR_OFFSET))
    .update(authenticator)
    .update(body.subarray(HEADER_LENGTH))
    .update(secretBytes(secret))
    .digest()
}

/**
 * Response Authenticator of an Access-Accept/Reject/Challenge, Accounting-Response or CoA/Disconnect ACK/NAK
 * (RFC 2865 §3, RFC 2866 §3, RFC 5176 §2.3). Bytes 4..19 of `response` are ignored.
 */
export function responseAuthenticator(response: Buffer, requestAuthenticator: Buffer, secret: SharedSecret): Buffer {
  assertAuthenticator(requestAuthenticator, 'The Request Authenticator')
  return md5WithAuthenticator(response, requestAuthenticator, secret)
}

/** A copy of `response` with its Response Authenticator set; call after Message-Authenticator is filled in. */
export function signResponse(response: Buffer, requestAuthenticator: Buffer, secret: SharedSecret): Buffer {
  const signed = Buffer.from(withoutPadding(response))
  responseAuthenticator(signed, requestAuthenticator, secret).copy(signed, AUTHENTICATOR_OFFSET)
  return signed
}

/**
 * Request Authenticator of an Accounting-Request (RFC 2866 §3) and of a CoA/Disconnect-Request (RFC 5176 §2.3):
 * the authenticator field counts as 16 zero octets.
 */
export function accountingRequestAuthenticator(request: Buffer, secret: SharedSecret): Buffer {
  return md5WithAuthenticator(request, Buffer.alloc(AUTHENTICATOR_LENGTH), secret)
}

export function verifyAccountingRequest(request: Buffer, secret: SharedSecret): boolean {
  if (declaredLength(request) === null) return false
  const received = request.subarray(AUTHENTICATOR_OFFSET, HEADER_LENGTH)
  return safeEqual(accountingRequestAuthenticator(request, secret), received)
}

/** Checks a reply to a request we sent (e.g. CoA-ACK/NAK to our CoA-Request). */
export function verifyResponse(response: Buffer, requestAuthenticator: Buffer, secret: SharedSecret): boolean {
  if (declaredLength(response) === null) return false
  const received = response.subarray(AUTHENTICATOR_OFFSET, HEADER_LENGTH)
  return safeEqual(responseAuthenticator(response, requestAuthenticator, secret), received)
}
