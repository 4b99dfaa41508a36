import type { Payload } from 'payload'

import { decryptSecret } from '@/lib/secrets'

export type RouterCredentials = {
  id: string
  organization: string
  ipAddress: string
  secret: string
  /** The RouterOS API login, when one is configured (`host` empty: the router's IP address). */
  api: { host: string | null; port: number | null; tls: boolean; username: string | null }
  apiPassword: string | null
}

type StoredRouter = {
  id: string
  organization: string | { id: string }
  ipAddress: string
  secretEncrypted?: string | null
  api?: { host?: string | null; port?: number | null; tls?: boolean | null; username?: string | null; passwordEncrypted?: string | null } | null
}

/**
 * The plaintext RADIUS secret and RouterOS API login of a router, for the RADIUS service
 * only: server code, never called with a person's request and never sent to a browser.
 */
export async function routerCredentials(payload: Payload, routerId: string): Promise<RouterCredentials | null> {
  const router = (await payload
    .findByID({ collection: 'routers', id: routerId, depth: 0, overrideAccess: true, showHiddenFields: true, disableErrors: true })
    .catch(() => null)) as StoredRouter | null
  if (!router) return null
  if (!router.secretEncrypted) throw new Error(`Router ${routerId} has no RADIUS secret stored`)
  const passwordEncrypted = router.api?.passwordEncrypted
  return {
    id: String(router.id),
    organization: typeof router.organization === 'object' ? router.organization.id : router.organization,
    ipAddress: router.ipAddress,
    secret: decryptSecret(router.secretEncrypted),
    api: { host: router.api?.host || null, port: router.api?.port ?? null, tls: router.api?.tls ?? false, username: router.api?.username || null },
    apiPassword: passwordEncrypted ? decryptSecret(passwordEncrypted) : null,
  }
}
