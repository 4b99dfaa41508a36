import type { CollectionConfig, Field, Plugin } from 'payload'

/**
 * How the admin panel speaks to the people who use it, applied to every collection the other
 * plugins define (so it goes last):
 * - every date field, and every list's date column, is in the document's branch's (or
 *   organization's) zone and its organization's date format, and says which zone
 *   (components/OrganizationDates.tsx), pickers included;
 * - every checkbox's list column says Yes or No;
 * - Beacon's icon (app/icon.svg) in place of Payload's.
 * Byte counts and lengths of time are shown in units field by field, with `inUnits`.
 */

const DATE_FIELD = '/plugins/admin/components/OrganizationDates#OrganizationDateField'
const DATE_CELL = '/plugins/admin/components/OrganizationDates#OrganizationDateCell'
const YES_NO_CELL = '/plugins/admin/components/YesNoCell#YesNoCell'

const AMOUNTS = '/plugins/admin/components/Amounts'

type Units = { components: { Cell: string; afterInput: string[] } }
const units = (kind: 'Bytes' | 'Megabytes' | 'Minutes'): Units => ({
  components: { Cell: `${AMOUNTS}#${kind}Cell`, afterInput: [`${AMOUNTS}#${kind}InWords`] },
})

/**
 * Admin options showing a number field's value in units ("5.0 GB", "1 day"): in its list cell
 * and under its input. A new object each time, as Payload may add to a field's components.
 */
export const inUnits = {
  get bytes() {
    return units('Bytes')
  },
  get megabytes() {
    return units('Megabytes')
  },
  get minutes() {
    return units('Minutes')
  },
}

function inPeoplesTerms(field: Field): Field {
  if (field.type === 'date') {
    const components = field.admin?.components ?? {}
    return {
      ...field,
      admin: { ...field.admin, components: { ...components, Field: components.Field ?? DATE_FIELD, Cell: components.Cell ?? DATE_CELL } },
    }
  }
  if (field.type === 'checkbox') {
    const components = field.admin?.components ?? {}
    return { ...field, admin: { ...field.admin, components: { ...components, Cell: components.Cell ?? YES_NO_CELL } } }
  }
  if ('fields' in field && Array.isArray(field.fields)) return { ...field, fields: field.fields.map(inPeoplesTerms) } as Field
  if (field.type === 'tabs') return { ...field, tabs: field.tabs.map((tab) => ({ ...tab, fields: tab.fields.map(inPeoplesTerms) })) }
  return field
}

/**
 * Payload's own `createdAt` and `updatedAt` (what it would add itself, with the same index), here
 * so that list columns of them follow the organization's dates too.
 */
function timestampFields(collection: CollectionConfig): Field[] {
  if (collection.timestamps === false) return []
  const named = new Set(collection.fields.flatMap((field) => ('name' in field ? [field.name] : [])))
  const timestamp = (name: 'createdAt' | 'updatedAt'): Field => ({
    name,
    type: 'date',
    index: true,
    label: ({ t }) => t(`general:${name}`),
    admin: { disableBulkEdit: true, hidden: true },
  })
  return (['updatedAt', 'createdAt'] as const).filter((name) => !named.has(name)).map(timestamp)
}

export const adminPlugin =
  (): Plugin =>
  (config) => ({
    ...config,
    admin: {
      ...config.admin,
      meta: { ...config.admin?.meta, icons: [{ rel: 'icon', type: 'image/svg+xml', url: '/icon.svg' }] },
    },
    collections: (config.collections ?? []).map((collection) => ({
      ...collection,
      fields: [...collection.fields, ...timestampFields(collection)].map(inPeoplesTerms),
    })),
  })
