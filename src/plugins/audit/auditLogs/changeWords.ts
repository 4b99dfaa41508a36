import type { ClientField } from 'payload'

import { inWords } from '@/lib/words'

/**
 * An audit entry's changed field and its values as the document's own form names them: the
 * field's label, a choice's label ("high" → "High"), Yes or No. Pure, for the changes table.
 */

type Option = string | { label?: unknown; value: string }
type Described = { label: string; say: (value: unknown) => string | null }

/** The field a change's key names (`priority`, `burst.downloadMbps`), through rows, collapsibles, groups and tabs. */
export function fieldAtPath(fields: readonly ClientField[], path: readonly string[]): ClientField | null {
  const [name, ...rest] = path
  for (const field of fields) {
    const named = 'name' in field && field.name ? field.name : null
    if (named === name) {
      if (rest.length === 0) return field
      if ('fields' in field && Array.isArray(field.fields)) return fieldAtPath(field.fields, rest)
      return null
    }
    if (!named && 'fields' in field && Array.isArray(field.fields)) {
      const found = fieldAtPath(field.fields, path)
      if (found) return found
    }
    if (field.type === 'tabs') {
      for (const tab of field.tabs) {
        const found = 'name' in tab && tab.name ? (tab.name === name && rest.length ? fieldAtPath(tab.fields, rest) : null) : fieldAtPath(tab.fields, path)
        if (found) return found
      }
    }
  }
  return null
}

/** "totalTimeSpent" → "Total time spent", "settings.gateways" → "Settings › Gateways". */
const nameInWords = (key: string) =>
  key
    .split('.')
    .map((part) => inWords(part.replace(/([a-z0-9])([A-Z])/g, '$1 $2')))
    .join(' › ')

const optionLabel = (options: readonly Option[], value: unknown) => {
  const option = options.find((candidate) => (typeof candidate === 'string' ? candidate : candidate.value) === value)
  const label = option && typeof option === 'object' ? option.label : option
  return typeof label === 'string' ? label : typeof value === 'string' ? value : null
}

/** How to name a change's field and write its values; `say` gives null where the value stays as it is. */
export function describeChange(fields: readonly ClientField[] | undefined, key: string): Described {
  const field = fields ? fieldAtPath(fields, key.split('.')) : null
  const label = field && 'label' in field && typeof field.label === 'string' ? field.label : nameInWords(key)
  const say = (value: unknown): string | null => {
    if (typeof value === 'boolean') return value ? 'Yes' : 'No'
    if (field && (field.type === 'select' || field.type === 'radio')) {
      const values = Array.isArray(value) ? value : [value]
      if (values.every((item) => typeof item === 'string')) return values.map((item) => optionLabel(field.options as Option[], item)).join(', ')
    }
    return null
  }
  return { label, say }
}
