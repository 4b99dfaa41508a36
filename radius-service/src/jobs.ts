import type { Payload } from 'payload'

type Logger = Payload['logger']

export type JobRunner = { stop(): Promise<void> }

/**
 * Works through the `radius` queue: disconnects, plan changes and the scheduled sweep. Every
 * `intervalMs` it queues what is due by schedule and runs what is queued; several service
 * instances may run side by side (Payload claims each job once).
 */
export function startJobRunner(payload: Payload, log: Logger, { intervalMs = 1_000, limit = 20 }: { intervalMs?: number; limit?: number } = {}): JobRunner {
  let stopped = false
  let wake: (() => void) | null = null
  const loop = (async () => {
    while (!stopped) {
      try {
        await payload.jobs.handleSchedules({ queue: 'radius' })
        await payload.jobs.run({ queue: 'radius', limit, silent: { info: true } })
      } catch (error) {
        log.warn({ err: error }, 'Running RADIUS jobs failed; trying again shortly')
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
