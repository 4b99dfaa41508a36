import type { DefaultServerCellComponentProps, Payload } from 'payload'
import { formatAdminURL } from 'payload/shared'

import { formatDate, formatDateTime, shortZoneName, zoneLabel } from '@/lib/dates'

import { documentDateStyle } from './dates'

/** What a list's date cell shows: the time, the zone it is in, and where it leads. */
export type DateCellContent = {
  text: string
  /** The row's zone, in words, for the cell's title. */
  zone: string
  timeZone: string
  /** The zone's short name beside the time ("GMT+3"), when it is not the zone the person works in. */
  zoneNote: string | null
  /** The document's edit view, when this is the list's linked (first) column. */
  href: string | null
}

type CellProps = Pick<DefaultServerCellComponentProps, 'cellData' | 'rowData' | 'payload' | 'collectionConfig' | 'field' | 'link' | 'linkURL' | 'viewType'>

async function organizationZone(payload: Payload, organization: string): Promise<string> {
  return (await documentDateStyle(payload, { organization }, '')).timeZone
}

/**
 * A date column's cell, each row in its own organization's (or branch's) zone and format. A row
 * in another zone than the organization the person works in says so beside the time; across all
 * organizations (a super-admin), every row does. As Payload's own cell, the list's first column
 * links to the document.
 */
export async function dateCellContent(
  { cellData, rowData, payload, collectionConfig, field, link, linkURL, viewType }: CellProps,
  workingOrganization: string | null,
): Promise<DateCellContent> {
  const dates = await documentDateStyle(payload, rowData, collectionConfig.slug)
  // A column shows the time too, unless the field holds days only.
  const appearance = field.type === 'date' ? field.admin?.date?.pickerAppearance : undefined
  const withTime = appearance !== 'dayOnly' && appearance !== 'monthOnly'
  const value = cellData as string | null | undefined
  const text = !value ? '—' : withTime ? formatDateTime(value, dates) : formatDate(value, dates)
  const workingZone = workingOrganization ? await organizationZone(payload, workingOrganization) : null
  const zoneNote = value && withTime && dates.timeZone !== workingZone ? shortZoneName(dates.timeZone, value) : null
  const adminRoute = payload.config.routes.admin
  const href = !link
    ? null
    : (linkURL ??
      formatAdminURL({
        adminRoute,
        path: `/collections/${collectionConfig.slug}${viewType === 'trash' ? '/trash' : ''}/${encodeURIComponent(String(rowData.id))}`,
      }))
  return { text, zone: zoneLabel(dates.timeZone), timeZone: dates.timeZone, zoneNote, href }
}
