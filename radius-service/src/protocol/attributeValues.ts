/**
 * Reading decoded attribute values (packet.ts `decodeAttributes`): an attribute that occurs more
 * than once decodes to an array of its values, and text may arrive as a string or as raw octets.
 */

/** An attribute's first value, however many times it occurs. */
export const firstValue = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value)

/** An attribute's first value as text ('' when it is empty), or null when it is absent or not text. */
export function textValue(value: unknown): string | null {
  const one = firstValue(value)
  if (typeof one === 'string') return one
  if (Buffer.isBuffer(one)) return one.toString('utf8')
  return null
}
