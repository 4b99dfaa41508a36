/**
 * What `npm start` prints about the RADIUS service: where it will listen, from the same
 * RADIUS_* variables the service reads (radius-service/src/config.ts), and where it did listen
 * once it says so. Port 0 there means any free port, picked as the service starts; only then is it
 * known, so the banner says so and the listening line gives the real number.
 */
import { type RadiusConfig, RadiusConfigError, radiusConfigFromEnv } from '../radius-service/src/config'

/** What the RADIUS service tells `npm start` over IPC once it listens (radius-service/src/main.ts). */
export type RadiusListening = { type: 'radius-listening'; authPort: number; accountingPort: number; metricsHost: string; metricsPort: number }

export const isRadiusListening = (message: unknown): message is RadiusListening =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'radius-listening'

const metricsUrl = (host: string, port: number) => `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/metrics`

/**
 * The RADIUS service's ports before it starts, numbers as configured and port 0 in words, and
 * whether any is 0 (then the real ones are printed once the service listens).
 */
export function radiusBanner(env: Record<string, string | undefined> = process.env): { line: string; portsPicked: boolean } {
  let config: RadiusConfig
  try {
    config = radiusConfigFromEnv(env)
  } catch (error) {
    // The service stops at start with this message too; the banner does not guess ports.
    if (error instanceof RadiusConfigError) return { line: `will not start: ${error.message}`, portsPicked: false }
    throw error
  }
  const udp = (port: number) => (port === 0 ? 'a free port' : String(port))
  const metrics =
    config.metricsPort === 0
      ? 'metrics on a free port (RADIUS_METRICS_PORT=0), printed once it listens'
      : `metrics ${metricsUrl(config.metricsHost, config.metricsPort)}`
  return {
    line: `UDP ${udp(config.authPort)} (auth) and ${udp(config.accountingPort)} (accounting); ${metrics}`,
    portsPicked: config.authPort === 0 || config.accountingPort === 0 || config.metricsPort === 0,
  }
}

/** The ports the RADIUS service listens on, as it reported them. */
export function radiusListeningLine(listening: RadiusListening): string {
  return `RADIUS service listening: UDP ${listening.authPort} (auth) and ${listening.accountingPort} (accounting); metrics ${metricsUrl(listening.metricsHost, listening.metricsPort)}`
}
