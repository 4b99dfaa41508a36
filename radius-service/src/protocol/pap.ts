/**
 * User-Password hiding (RFC 2865 §5.2): the password, NUL-padded to a multiple of 16, is XORed with a chain of
 * MD5(secret + previous block) where the first "previous block" is the Request Authenticator and every later one
 * is the previous CIPHERTEXT block.
 */
import { createHash } from 'node:crypto'
import { type SharedSecret, assertAuthenticator, secretBytes } from './authenticator'

const BLOCK_LENGTH = 16
/** RFC 2865 §5.2: the password is at most 128 octets. */
export const MAX_PASSWORD_LENGTH = 128

/** Runs the XOR chain; the chain always feeds on the ciphertext, which is `input` when revealing and `output` when hiding. */
function xorChain(input: Buffer, secret: SharedSecret, requestAuthenticator: Buffer, hiding: boolean): Buffer {
  assertAuthenticator(requestAuthenticator, 'The Request Authenticator')
  const key = secretBytes(secret)
  const output = Buffer.alloc(input.length)
  let previousCipherBlock = requestAuthenticator
  for (let start = 0; start < input.length; start += BLOCK_LENGTH) {
    const pad = createHash('md5').update(key).update(previousCipherBlock).digest()
    for (let i = 0; i < BLOCK_LENGTH; i++) output[start + i] = input[start + i] ^ pad[i]
    previousCipherBlock = (hiding ? output : input).subarray(start, start + BLOCK_LENGTH)
  }
  return output
}

export function hidePassword(password: Buffer | string, secret: SharedSecret, requestAuthenticator: Buffer): Buffer {
  const plain = typeof password === 'string' ? Buffer.from(password, 'utf8') : password
  if (plain.length > MAX_PASSWORD_LENGTH) {
    throw new RangeError(`A User-Password is at most ${MAX_PASSWORD_LENGTH} bytes, got ${plain.length}.`)
  }
  // An empty password still takes one block of NULs.
  const paddedLength = Math.max(BLOCK_LENGTH, Math.ceil(plain.length / BLOCK_LENGTH) * BLOCK_LENGTH)
  const padded = Buffer.alloc(paddedLength)
  plain.copy(padded)
  return xorChain(padded, secret, requestAuthenticator, true)
}

/** The cleartext password with its NUL padding removed. */
export function revealPassword(hidden: Buffer, secret: SharedSecret, requestAuthenticator: Buffer): Buffer {
  if (hidden.length === 0 || hidden.length % BLOCK_LENGTH !== 0 || hidden.length > MAX_PASSWORD_LENGTH) {
    throw new RangeError(
      `A hidden User-Password is a positive multiple of ${BLOCK_LENGTH} bytes up to ${MAX_PASSWORD_LENGTH}, got ${hidden.length}.`,
    )
  }
  const padded = xorChain(hidden, secret, requestAuthenticator, false)
  let end = padded.length
  while (end > 0 && padded[end - 1] === 0) end--
  return padded.subarray(0, end)
}
