import type { DefaultServerCellComponentProps, PayloadRequest } from 'payload'
import React from 'react'

import { formatDate, formatDateTime, zoneLabel } from '@/lib/dates'

import { documentDateStyle, workingOrganization } from '../dates'
import { OrganizationDateInput } from './OrganizationDateInput'

type FieldProps = {
  clientField: React.ComponentProps<typeof OrganizationDateInput>['field']
  path: string
  readOnly?: boolean
  req: PayloadRequest
  data?: Record<string, unknown>
  collectionSlug?: string
}

/** Every date field's input in the admin panel (see adminPlugin): in the document's zone and format. */
export async function OrganizationDateField({ clientField, path, readOnly, req, data, collectionSlug }: FieldProps) {
  const dates = await documentDateStyle(req.payload, data, collectionSlug ?? '', await workingOrganization(req))
  return <OrganizationDateInput field={clientField} path={path} readOnly={readOnly} dates={dates} zone={zoneLabel(dates.timeZone)} />
}

/** Every date column of the admin panel's lists: each row in its own organization's zone and format. */
export async function OrganizationDateCell({ cellData, rowData, payload, collectionConfig, field }: DefaultServerCellComponentProps) {
  if (!cellData) return <span>—</span>
  const dates = await documentDateStyle(payload, rowData, collectionConfig.slug)
  // A column shows the time too, unless the field holds days only.
  const appearance = field.type === 'date' ? field.admin?.date?.pickerAppearance : undefined
  const withTime = appearance !== 'dayOnly' && appearance !== 'monthOnly'
  return <span data-zone={dates.timeZone}>{withTime ? formatDateTime(cellData as string, dates) : formatDate(cellData as string, dates)}</span>
}
