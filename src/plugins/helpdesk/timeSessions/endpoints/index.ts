import type { Endpoint, PayloadRequest } from 'payload'

import { jsonBodyOf } from '@/lib/jsonBody'

import { exportTimeSessions } from '../export'
import { agentTimeSessions, ticketTimeSessions } from '../listing'
import { addManualEntry, adjustEntry, startTimer, stopTimer } from '../tracking'

const routeId = (req: PayloadRequest) => String(req.routeParams?.id ?? '')

/** `/api/time-sessions/…`: the seed's start, stop and manual entry, plus corrections and CSV export. */
export const timeSessionEndpoints: Endpoint[] = [
  {
    path: '/start',
    method: 'post',
    handler: async (req) => Response.json(await startTimer(req, await jsonBodyOf(req, '{ ticket, note? }')), { status: 201 }),
  },
  {
    path: '/stop',
    method: 'post',
    handler: async (req) => Response.json(await stopTimer(req, await jsonBodyOf(req, '{ session, note? }'))),
  },
  {
    path: '/manual',
    method: 'post',
    handler: async (req) =>
      Response.json(await addManualEntry(req, await jsonBodyOf(req, '{ ticket, startTime, endTime, note? }')), { status: 201 }),
  },
  {
    path: '/export',
    method: 'get',
    handler: async (req) => {
      const { csv, filename } = await exportTimeSessions(req)
      return new Response(csv, {
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
          'cache-control': 'no-store',
        },
      })
    },
  },
  {
    path: '/:id/adjust',
    method: 'post',
    handler: async (req) => Response.json(await adjustEntry(req, routeId(req), await jsonBodyOf(req, '{ minutes, reason }')), { status: 201 }),
  },
]

/** `GET /api/tickets/:id/time-sessions`. */
export const ticketTimeSessionsEndpoint: Endpoint = {
  path: '/:id/time-sessions',
  method: 'get',
  handler: async (req) => Response.json(await ticketTimeSessions(req, routeId(req))),
}

/** `GET /api/users/:id/time-sessions`. */
export const userTimeSessionsEndpoint: Endpoint = {
  path: '/:id/time-sessions',
  method: 'get',
  handler: async (req) => Response.json(await agentTimeSessions(req, routeId(req))),
}
