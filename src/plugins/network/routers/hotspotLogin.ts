import type { Endpoint } from 'payload'

import { relationId } from '@/access'
import { notFound, unauthorized } from '@/http/errors'
import { escapeHtml } from '@/lib/html'
import { isUuid } from '@/lib/ids'
import { publicBaseUrl } from '@/lib/publicUrl'

/** A DNS host name (letters, digits, dashes; dot-separated labels), such as a hotspot's DNS name. */
export const isHostName = (value: string) =>
  value.length <= 253 && /^(?=.*[a-z])([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/.test(value)

/** The RouterOS variables the portal receives, as RouterOS names them (each URL-escaped by its `-esc` form). */
export const HOTSPOT_VARIABLES = ['mac', 'ip', 'link-login-only', 'link-orig', 'chap-id', 'chap-challenge', 'error'] as const

/**
 * A hotspot `login.html` for a MikroTik router: it sends each device that has to log in to
 * Beacon's captive portal for the router's branch, with RouterOS's variables in the query string
 * (their `$(…-esc)` forms, which RouterOS URL-escapes). It works without JavaScript (a refresh and
 * a link). The portal's host must be in the hotspot's walled garden.
 */
export function hotspotLoginHtml(portalUrl: string, organizationName: string): string {
  const query = HOTSPOT_VARIABLES.map((name) => `${name}=$(${name}-esc)`).join('&')
  const target = escapeHtml(`${portalUrl}?${query}`)
  const name = escapeHtml(organizationName)
  return `<!DOCTYPE html>
<!-- Beacon captive portal redirect for ${name}. Upload as hotspot/login.html on the router
     (Files, or /tool fetch), and add the portal's host to /ip hotspot walled-garden. -->
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="pragma" content="no-cache">
<meta http-equiv="expires" content="-1">
<meta http-equiv="refresh" content="0; url=${target}">
<title>${name} WiFi</title>
</head>
<body>
<p><a href="${target}">Continue to ${name} WiFi</a></p>
</body>
</html>
`
}

/** `GET /api/routers/:id/hotspot-login`: that router's `login.html`, for those who read the router. */
export const hotspotLoginEndpoint: Endpoint = {
  path: '/:id/hotspot-login',
  method: 'get',
  handler: async (req) => {
    if (!req.user) throw unauthorized()
    const id = String(req.routeParams?.id ?? '')
    const router = isUuid(id) ? await req.payload.findByID({ collection: 'routers', id, depth: 0, req, overrideAccess: false, disableErrors: true }) : null
    if (!router) throw notFound('No such router in your organization.')
    const organization = await req.payload.findByID({ collection: 'organizations', id: relationId(router.organization)!, depth: 0, req, overrideAccess: true })
    const portal = `${publicBaseUrl(req.url)}/portal/${encodeURIComponent(organization.slug)}/${relationId(router.location)}`
    return new Response(hotspotLoginHtml(portal, organization.branding?.displayName || organization.name), {
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'content-disposition': 'attachment; filename="login.html"',
        'cache-control': 'no-store',
      },
    })
  },
}
