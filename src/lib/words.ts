/**
 * Stored values (enums, codes) in words for the people who read them: "in-progress" → "In
 * progress", "SUSPENDED" → "Suspended", "wrong-password" → "Wrong password".
 */
export function inWords(value: string): string {
  const words = value.replace(/[-_]+/g, ' ').trim().toLowerCase()
  return words ? words[0].toUpperCase() + words.slice(1) : value
}

/** Select options whose labels are words: `labels` where plain casing says it badly, `inWords` for the rest. */
export function optionsInWords<T extends string>(values: readonly T[], labels: Partial<Record<T, string>> = {}): { label: string; value: T }[] {
  return values.map((value) => ({ label: labels[value] ?? inWords(value), value }))
}

/** The word for `count` of a thing: `plural` (else `singular` + "s") unless exactly one. */
export function nounFor(count: number, singular: string, plural = `${singular}s`): string {
  return count === 1 ? singular : plural
}

/** A count with its noun, as people write it: "1 device", "2 devices", "0 sessions", "1 entry". */
export function countOf(count: number, singular: string, plural?: string): string {
  return `${count} ${nounFor(count, singular, plural)}`
}
