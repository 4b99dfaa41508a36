/**
 * The web app's HTTP server: Next.js (admin panel, API, dashboard, portal) behind a plain Node
 * server whose one job is to say who is asking. Every request gets `x-beacon-client-ip` from
 * the socket (any copy the client sent is dropped), or, behind a reverse proxy, from the header
 * named by BEACON_TRUSTED_IP_HEADER. Every request is also counted for Prometheus, whose
 * `/metrics` this server answers on a separate address (WEB_METRICS_HOST and WEB_METRICS_PORT,
 * 127.0.0.1:9813 unless set; port 0 turns it off), never on the public port. Started by
 * `npm start` (scripts/start.ts).
 *   --dev     Next.js in development mode
 *   --port N  port to listen on
 */
import { createServer, type Server } from 'node:http'
import { parseArgs } from 'node:util'

import next from 'next'

import { CLIENT_IP_HEADER, clientIpOf } from '../src/lib/clientIp'
import { serveWebMetrics, webMetrics, webMetricsAddress } from '../src/plugins/monitoring/metrics'
import { projectRoot } from './runtime'

const { values: options } = parseArgs({
  options: { dev: { type: 'boolean', default: false }, port: { type: 'string', default: process.env.PORT ?? '3000' } },
})
const port = Number(options.port)
const trustedHeader = process.env.BEACON_TRUSTED_IP_HEADER || undefined
let metricsAddress: ReturnType<typeof webMetricsAddress>
try {
  metricsAddress = webMetricsAddress()
} catch (error) {
  console.error((error as Error).message)
  process.exit(2)
}
// Made before Next.js loads Payload, whose jobs and queue gauges then count into the same metrics.
const metrics = webMetrics()

const app = next({ dev: options.dev, dir: projectRoot, port, webpack: true })
await app.prepare()
const handle = app.getRequestHandler()
const upgrade = app.getUpgradeHandler()

const server = createServer((req, res) => {
  metrics.measure(req, res)
  delete req.headers[CLIENT_IP_HEADER]
  const ip = clientIpOf(req.headers, req.socket.remoteAddress, trustedHeader)
  if (ip) req.headers[CLIENT_IP_HEADER] = ip
  void handle(req, res)
})
server.on('upgrade', (req, socket, head) => void upgrade(req, socket, head))
server.listen(port, () => console.log(`Web app listening on port ${port}${trustedHeader ? ` (client addresses from ${trustedHeader})` : ''}`))

const metricsServer = await serveMetrics()

/** Prometheus' endpoint on its own address; one that cannot listen stops the start, saying why. */
async function serveMetrics(): Promise<Server | null> {
  if (!metricsAddress) return null
  const { host, port: metricsPort } = metricsAddress
  try {
    const { server: served } = await serveWebMetrics(metrics, host, metricsPort)
    console.log(`Web app metrics for Prometheus on http://${host}:${metricsPort}/metrics`)
    return served
  } catch (error) {
    console.error(
      `The web app's metrics cannot listen on ${host}:${metricsPort}: ${(error as Error).message}. Set WEB_METRICS_PORT to a free port, or 0 for none.`,
    )
    process.exit(1)
  }
}

const stop = () => {
  metricsServer?.close()
  server.close(() => process.exit(0))
}
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
