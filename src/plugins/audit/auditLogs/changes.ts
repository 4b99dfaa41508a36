/** What an audit row says changed, with credentials never written down. */

export const REDACTED = '[redacted]'

// Passwords and their hashes, tokens, stored secrets (`<name>Encrypted`), sign-in sessions and lockout counters.
const SENSITIVE = /password|^hash$|^salt$|token|secret|apikey|passkey|encrypted$|^sessions$|^loginattempts$|^lockuntil$/i

// Bookkeeping that changes with every save and says nothing about what the person did.
const IGNORED = new Set(['updatedAt', 'createdAt', 'id'])

/** Whether a key names a credential: by its name, or because its field is marked secret. */
const isSecret = (key: string, secretFields: ReadonlySet<string>) => SENSITIVE.test(key) || secretFields.has(key)

/** `value` without its sensitive keys, at any depth: what may be written down and compared. */
export function withoutSecrets(value: unknown, secretFields: ReadonlySet<string> = new Set()): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutSecrets(item, secretFields))
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => !isSecret(key, secretFields))
        .map(([key, item]) => [key, withoutSecrets(item, secretFields)]),
    )
  }
  return value
}

/** The paths of the credentials a request set (`secret`, `settings.gateways.mpesa.passkey`, `password`). */
export function submittedSecrets(data: unknown, prefix = '', secretFields: ReadonlySet<string> = new Set()): string[] {
  if (!data || typeof data !== 'object') return []
  const paths = Object.entries(data as Record<string, unknown>).flatMap(([key, item]) => {
    // By the time hooks see it, a new password has become its hash and salt.
    const path = `${prefix ? `${prefix}.` : ''}${/^(hash|salt)$/i.test(key) ? 'password' : key}`
    // `<name>Encrypted` is how the submitted `<name>` is stored: the same change, noted once.
    if (/encrypted$/i.test(key)) return []
    if (isSecret(key, secretFields)) return typeof item === 'string' && item.length > 0 ? [path] : []
    return item && typeof item === 'object' ? submittedSecrets(item, path, secretFields) : []
  })
  return [...new Set(paths)]
}

/** An id in place of a populated relationship, so a row records links, not documents. */
function flatten(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(flatten)
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>
    if ('id' in record && ('createdAt' in record || 'updatedAt' in record)) return record.id
    return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, flatten(item)]))
  }
  return value
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

export type FieldChange = { from: unknown; to: unknown }

/**
 * The top-level fields that differ between `before` and `after` (either may be absent: a
 * creation or a deletion), each as `{ from, to }`. Credentials are never compared or copied:
 * they are left out of both sides, and each one the request set (`submitted`) is noted as
 * changed, `[redacted]`.
 */
export function changesBetween(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
  submitted?: unknown,
  secretFields: ReadonlySet<string> = new Set(),
): Record<string, FieldChange> {
  const clean = (doc: Record<string, unknown> | null | undefined) =>
    withoutSecrets(Object.fromEntries(Object.entries(doc ?? {}).map(([key, value]) => [key, flatten(value)])), secretFields) as Record<
      string,
      unknown
    >
  const cleanBefore = clean(before)
  const cleanAfter = clean(after)
  const changes: Record<string, FieldChange> = {}
  for (const key of [...new Set([...Object.keys(cleanBefore), ...Object.keys(cleanAfter)])].sort()) {
    if (IGNORED.has(key)) continue
    if (!same(cleanBefore[key], cleanAfter[key])) changes[key] = { from: cleanBefore[key] ?? null, to: cleanAfter[key] ?? null }
  }
  for (const path of submittedSecrets(submitted, '', secretFields)) changes[path] = { from: before ? REDACTED : null, to: REDACTED }
  return changes
}
