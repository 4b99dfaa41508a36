import type { Endpoint } from 'payload'

import { forceLogout } from '../forceLogout'

/** `POST /api/sessions/:id/force-logout`: see `forceLogout`. */
export const forceLogoutEndpoint: Endpoint = {
  path: '/:id/force-logout',
  method: 'post',
  handler: async (req) => {
    if (!req.user) return Response.json({ errors: [{ message: 'Sign in first.' }] }, { status: 401 })
    const id = String(req.routeParams?.id ?? '')
    if (!/^[0-9a-f-]{36}$/i.test(id)) {
      return Response.json({ errors: [{ message: 'No such WiFi session in your organization.' }] }, { status: 404 })
    }
    return Response.json(await forceLogout(req, id))
  },
}
