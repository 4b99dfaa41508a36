import type { Payload } from 'payload'

import { routerCredentials } from '@/plugins/network/routers/credentials'

import type { RouterOsTarget } from './api'

/** How to reach a router's RouterOS API, or null when no API login is configured for it. */
export async function apiTargetOf(payload: Payload, routerId: string, timeoutSeconds = 5): Promise<RouterOsTarget | null> {
  const router = await routerCredentials(payload, routerId)
  if (!router?.api.username || !router.apiPassword) return null
  return {
    host: router.api.host ?? router.ipAddress,
    port: router.api.port,
    tls: router.api.tls,
    username: router.api.username,
    password: router.apiPassword,
    timeoutSeconds,
  }
}
