import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

/**
 * Encryption at rest for credentials Beacon must be able to use again (router secrets, gateway
 * keys): AES-256-GCM with a key derived from PAYLOAD_SECRET by HKDF, so the database alone never
 * reveals them. Stored form: `v1:<iv>:<tag>:<ciphertext>`, each part base64url.
 */
const VERSION = 'v1'
const KEY_INFO = 'beacon/secret-field/v1'

const keyCache = new Map<string, Buffer>()

/** A 256-bit key for one purpose (`info`, such as `beacon/secret-field/v1`), derived from the master secret by HKDF; cached. */
export function derivedKey(info: string, masterSecret: string): Buffer {
  const cacheKey = `${info}\n${masterSecret}`
  let key = keyCache.get(cacheKey)
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', masterSecret, 'beacon', info, 32))
    keyCache.set(cacheKey, key)
  }
  return key
}

const deriveKey = (masterSecret: string) => derivedKey(KEY_INFO, masterSecret)

function requireMasterSecret(masterSecret: string | undefined): string {
  if (!masterSecret) throw new Error('PAYLOAD_SECRET is not set: secrets cannot be encrypted or read')
  return masterSecret
}

export function encryptSecret(plaintext: string, masterSecret = process.env.PAYLOAD_SECRET): string {
  const key = deriveKey(requireMasterSecret(masterSecret))
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  const tag = cipher.getAuthTag()
  return [VERSION, iv, tag, ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join(':')
}

export function decryptSecret(stored: string, masterSecret = process.env.PAYLOAD_SECRET): string {
  const [version, iv, tag, ciphertext] = stored.split(':')
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) {
    throw new Error('Stored secret is not in a format this version of Beacon can read')
  }
  const decipher = createDecipheriv('aes-256-gcm', deriveKey(requireMasterSecret(masterSecret)), Buffer.from(iv, 'base64url'))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8')
}
