/**
 * A phone number as people type it (`+254 700 000-001`, `(0700) 000 001`) → one spelling: `+`
 * (when given) and digits, 7 to 15 of them (E.164's length); null for anything else.
 */
export function canonicalPhone(input: string): string | null {
  const trimmed = input.trim()
  if (!/^\+?[\d\s().-]+$/.test(trimmed)) return null
  const digits = trimmed.replace(/\D/g, '')
  if (digits.length < 7 || digits.length > 15) return null
  return `${trimmed.startsWith('+') ? '+' : ''}${digits}`
}
