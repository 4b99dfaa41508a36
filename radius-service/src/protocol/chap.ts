/**
 * CHAP-MD5 (RFC 1994 §4.1, carried in RADIUS per RFC 2865 §5.3): Response = MD5(Identifier + secret + Challenge).
 * Also what MikroTik's `http-chap` login page computes in the browser.
 */
import { createHash } from 'node:crypto'
import { safeEqual } from './authenticator'

/** CHAP-Password value: 1-octet CHAP Ident + 16-octet response (RFC 2865 §5.3). */
const CHAP_PASSWORD_LENGTH = 17

function passwordBytes(password: Buffer | string): Buffer {
  return typeof password === 'string' ? Buffer.from(password, 'utf8') : password
}

export function chapResponse(ident: number, password: Buffer | string, challenge: Buffer): Buffer {
  if (!Number.isInteger(ident) || ident < 0 || ident > 255) {
    throw new RangeError(`A CHAP identifier is one octet (0-255), got ${ident}.`)
  }
  return createHash('md5').update(Buffer.of(ident)).update(passwordBytes(password)).update(challenge).digest()
}

/**
 * `challenge` is the CHAP-Challenge attribute when present, otherwise the Request Authenticator (RFC 2865 §2.2, §5.40).
 * False for a CHAP-Password that is not 17 octets or an empty challenge.
 */
export function verifyChap(input: { chapPassword: Buffer; challenge: Buffer; password: Buffer | string }): boolean {
  const { chapPassword, challenge, password } = input
  if (chapPassword.length !== CHAP_PASSWORD_LENGTH || challenge.length === 0) return false
  return safeEqual(chapResponse(chapPassword[0], password, challenge), chapPassword.subarray(1))
}
