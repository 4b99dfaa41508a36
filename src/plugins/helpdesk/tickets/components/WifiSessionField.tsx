import type { PayloadRequest, TextFieldClient } from 'payload'
import React from 'react'

import { zoneLabel } from '@/lib/dates'

import { documentDateStyle, workingOrganization } from '../../../admin/dates'
import { WifiSessionPicker } from './WifiSessionPicker'

type Props = { clientField: TextFieldClient; path: string; readOnly?: boolean; req: PayloadRequest; data?: Record<string, unknown> }

/** The ticket's WiFi session, picked from a list (times in the ticket's zone and format). */
export async function WifiSessionField({ clientField, path, readOnly, req, data }: Props) {
  const dates = await documentDateStyle(req.payload, data, 'tickets', await workingOrganization(req))
  return <WifiSessionPicker field={clientField} path={path} readOnly={readOnly} dates={dates} zone={zoneLabel(dates.timeZone)} />
}
