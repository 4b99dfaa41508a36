import type { UIFieldServerProps } from 'payload'
import React from 'react'

import { documentDateStyle, workingOrganization } from '../../admin/dates'
import { SignedInSessions } from './SignedInSessions'

/** "Where you're signed in", its times as the organization the person works in writes them. */
export async function SignedInSessionsField({ req }: UIFieldServerProps) {
  const dates = await documentDateStyle(req.payload, null, 'users', await workingOrganization(req))
  return <SignedInSessions dates={dates} />
}
