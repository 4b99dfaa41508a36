/**
 * Where the RADIUS service listens and how long it remembers requests, from the environment.
 * Bad values stop the service at start with a message naming the variable, rather than letting
 * it listen somewhere nobody configured.
 */
export type RadiusConfig = {
  host: string
  authPort: number
  accountingPort: number
  /** RFC 5080 §2.2.2: a retransmission within this window gets the cached reply. */
  duplicateWindowMs: number
  /** Prometheus `/metrics` over HTTP; port 0 picks a free one. */
  metricsHost: string
  metricsPort: number
  /** Acct-Interim-Interval sent in every Access-Accept. */
  interimIntervalSeconds: number
  /** Work through the `radius` job queue (disconnects, plan changes, the sweep) in this instance. */
  runJobs: boolean
}

type Environment = Record<string, string | undefined>

export class RadiusConfigError extends Error {
  override name = 'RadiusConfigError'
}

/** A port number; 0 lets the system pick a free one (tests, side-by-side instances). */
function port(env: Environment, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(value) || value > 65535) {
    throw new RadiusConfigError(`${name}=${raw} is not a port number (1-65535, or 0 for any free port).`)
  }
  return value
}

function flag(env: Environment, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase()
  if (raw === undefined || raw === '') return fallback
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true
  if (['0', 'false', 'no', 'off'].includes(raw)) return false
  throw new RadiusConfigError(`${name}=${env[name]} must be 1 or 0.`)
}

function wholeNumber(env: Environment, name: string, fallback: number, min: number, max: number, unit: string): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RadiusConfigError(`${name}=${raw} must be a whole number of ${unit} from ${min} to ${max}.`)
  }
  return value
}

export function radiusConfigFromEnv(env: Environment = process.env): RadiusConfig {
  const config = {
    host: env.RADIUS_HOST || '0.0.0.0',
    authPort: port(env, 'RADIUS_AUTH_PORT', 1812),
    accountingPort: port(env, 'RADIUS_ACCT_PORT', 1813),
    duplicateWindowMs: 30_000,
    metricsHost: env.RADIUS_METRICS_HOST || '127.0.0.1',
    metricsPort: port(env, 'RADIUS_METRICS_PORT', 9812),
    interimIntervalSeconds: wholeNumber(env, 'RADIUS_INTERIM_INTERVAL_SECONDS', 300, 60, 86_400, 'seconds'),
    runJobs: flag(env, 'RADIUS_RUN_JOBS', true),
  }
  const window = env.RADIUS_DUPLICATE_WINDOW_SECONDS
  if (window !== undefined && window !== '') {
    const seconds = Number(window)
    if (!Number.isFinite(seconds) || seconds < 1 || seconds > 600) {
      throw new RadiusConfigError(`RADIUS_DUPLICATE_WINDOW_SECONDS=${window} must be a number of seconds from 1 to 600.`)
    }
    config.duplicateWindowMs = seconds * 1000
  }
  if (config.authPort !== 0 && config.authPort === config.accountingPort) {
    throw new RadiusConfigError('RADIUS_AUTH_PORT and RADIUS_ACCT_PORT must differ.')
  }
  return config
}
