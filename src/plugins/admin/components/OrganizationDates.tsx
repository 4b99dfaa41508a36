import { Link } from '@payloadcms/ui'
import type { DefaultServerCellComponentProps, PayloadRequest } from 'payload'
import React from 'react'

import { zoneLabel } from '@/lib/dates'

import { dateCellContent } from '../dateCell'
import { documentDateStyle, workingOrganization, workingOrganizationOfPage } from '../dates'
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

/**
 * Every date column of the admin panel's lists: each row in its own organization's zone and
 * format, naming the zone where it is not the person's; the list's first column links to the document.
 */
export async function OrganizationDateCell(props: DefaultServerCellComponentProps) {
  const { text, zone, timeZone, zoneNote, href } = await dateCellContent(props, await workingOrganizationOfPage(props.payload))
  const shown = (
    <>
      {text}
      {zoneNote ? <span className="zone-note"> {zoneNote}</span> : null}
    </>
  )
  return href ? (
    <Link href={href} prefetch={false} data-zone={timeZone} title={zone}>
      {shown}
    </Link>
  ) : (
    <span data-zone={timeZone} title={zone}>
      {shown}
    </span>
  )
}
