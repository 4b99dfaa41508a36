import type { Payload } from 'payload'

type Logger = Payload['logger']

export type JobRunner = { stop(): Promise<void> }

/** Disconnects and plan changes: what people wait for. */
export const RADIUS_QUEUE = 'radius'
/** The expiry sweep and router health checks: slow when routers do not answer, so apart. */
export const RADIUS_SWEEP_QUEUE = 'radius-sweep'

/**
 * Works through one queue of the RADIUS service's jobs. Every `intervalMs` it queues what is due
 * by schedule and runs what is queued; several service instances may run side by side (Payload
 * claims each job once).
 */
export function startJobRunner(
  payload: Payload,
  log: Logger,
  { queue, intervalMs = 1_000, limit = 20 }: { queue: string; intervalMs?: number; limit?: number },
): JobRunner {
  let stopped = false
  let wake: (() => void) | null = null
  const loop = (async () => {
    while (!stopped) {
      try {
        await payload.jobs.handleSchedules({ queue })
        // Task failures are logged once by the app's monitoring plugin (WARN while retries are
        // left, ERROR after the last), not per attempt with the whole job by Payload.
        await payload.jobs.run({ queue, limit, silent: { info: true, error: true } })
      } catch (error) {
        log.warn({ queue, err: error }, 'Running RADIUS jobs failed; trying again shortly')
      }
      if (stopped) break
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs)
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      wake = null
    }
  })()
  return {
    async stop() {
      stopped = true
      wake?.()
      await loop
    },
  }
}
