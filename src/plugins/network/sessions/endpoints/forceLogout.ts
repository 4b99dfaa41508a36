import type { Endpoint } from 'payload'

import { notFound, unauthorized } from '@/http/errors'
import { isUuid } from '@/lib/ids'

import { forceLogout } from '../forceLogout'

/** `POST /api/sessions/:id/force-logout`: see `forceLogout`. */
export const forceLogoutEndpoint: Endpoint = {
  path: '/:id/force-logout',
  method: 'post',
  handler: async (req) => {
    if (!req.user) throw unauthorized()
    const id = req.routeParams?.id
    if (!isUuid(id)) throw notFound('No such WiFi session in your organization.')
    return Response.json(await forceLogout(req, id))
  },
}
