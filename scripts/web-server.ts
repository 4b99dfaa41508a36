/**
 * The web app's HTTP server: Next.js (admin panel, API, dashboard, portal) behind a plain Node
 * server whose one job is to say who is asking. Every request gets `x-beacon-client-ip` from
 * the socket (any copy the client sent is dropped), or, behind a reverse proxy, from the header
 * named by BEACON_TRUSTED_IP_HEADER. Started by `npm start` (scripts/start.ts).
 *   --dev     Next.js in development mode
 *   --port N  port to listen on
 */
import { createServer } from 'node:http'
import { parseArgs } from 'node:util'

import next from 'next'

import { CLIENT_IP_HEADER, clientIpOf } from '../src/lib/clientIp'
import { projectRoot } from './runtime'

const { values: options } = parseArgs({
  options: { dev: { type: 'boolean', default: false }, port: { type: 'string', default: process.env.PORT ?? '3000' } },
})
const port = Number(options.port)
const trustedHeader = process.env.BEACON_TRUSTED_IP_HEADER || undefined

const app = next({ dev: options.dev, dir: projectRoot, port, webpack: true })
await app.prepare()
const handle = app.getRequestHandler()
const upgrade = app.getUpgradeHandler()

const server = createServer((req, res) => {
  delete req.headers[CLIENT_IP_HEADER]
  const ip = clientIpOf(req.headers, req.socket.remoteAddress, trustedHeader)
  if (ip) req.headers[CLIENT_IP_HEADER] = ip
  void handle(req, res)
})
server.on('upgrade', (req, socket, head) => void upgrade(req, socket, head))
server.listen(port, () => console.log(`Web app listening on port ${port}${trustedHeader ? ` (client addresses from ${trustedHeader})` : ''}`))

const stop = () => server.close(() => process.exit(0))
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
