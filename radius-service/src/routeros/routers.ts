import type { Payload } from 'payload'

import { routerCredentials } from '@/plugins/network/routers/credentials'

import type { RouterOsTarget } from './api'

/** How to reach a router's RouterOS API, or null when no API login is configured for it. */
export async function apiTargetOf(payload: Payload, routerId: string, timeoutSeconds = 5): Promise<RouterOsTarget | null> {
  const router = await payload.findByID({ collection: 'routers', id: routerId, depth: 0, overrideAccess: true, disableErrors: true })
  if (!router?.api?.username) return null
  const credentials = await routerCredentials(payload, routerId)
  if (!credentials?.apiPassword) return null
  return {
    host: router.api.host || router.ipAddress,
    port: router.api.port ?? null,
    tls: router.api.tls ?? false,
    username: router.api.username,
    password: credentials.apiPassword,
    timeoutSeconds,
  }
}
