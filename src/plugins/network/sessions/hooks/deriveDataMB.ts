import type { CollectionBeforeChangeHook } from 'payload'

import { megabytesFromOctets } from '@/lib/units'

type Usage = { inputOctets?: number | null; outputOctets?: number | null; dataMB?: number | null; lastIp?: string | null }

/** `usage.dataMB` is never set directly: it follows from the octet counts RADIUS reports. */
export const deriveDataMB: CollectionBeforeChangeHook = ({ data, originalDoc }) => {
  const usage: Usage = { ...(originalDoc?.usage as Usage | undefined), ...(data.usage as Usage | undefined) }
  return {
    ...data,
    usage: { ...usage, dataMB: megabytesFromOctets(usage.inputOctets ?? 0, usage.outputOctets ?? 0) },
  }
}
