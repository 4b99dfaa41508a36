import type { JobsConfig } from 'payload'

import { webMetrics } from './metrics'

type Task = NonNullable<JobsConfig['tasks']>[number]

/** How many times Payload runs a task again after it fails (its `retries`; none when unset). */
function retriesOf(task: Task): number {
  return typeof task.retries === 'number' ? task.retries : (task.retries?.attempts ?? 0)
}

/**
 * A task that counts its runs (by task, queue and outcome) and logs its failures in words:
 * a failure with retries left is WARN, one with none left is ERROR, for an operator to act on
 * (a router that never answered, a bug). The job runners are `silent` about task errors, since
 * Payload would log each attempt as an ERROR with the whole job and task configuration in it.
 */
export function instrumentTask(task: Task): Task {
  const handler = task.handler
  // A handler given as a file path is loaded by Payload itself; Beacon's tasks are functions.
  if (typeof handler !== 'function') return task
  const retries = retriesOf(task)
  return {
    ...task,
    handler: async (args) => {
      const { job, req } = args
      const queue = job.queue ?? 'default'
      const startedAt = process.hrtime.bigint()
      const attempt = (job.totalTried ?? 0) + 1
      const failed = (error: unknown) => {
        const final = attempt > retries
        webMetrics().jobRun(task.slug, queue, final ? 'failed' : 'retrying', startedAt)
        const context = { task: task.slug, queue, job: job.id, input: job.input, attempt, attempts: retries + 1 }
        if (final)
          req.payload.logger.error(
            { ...context, err: error },
            `Job ${task.slug} failed after ${attempt} attempt${attempt === 1 ? '' : 's'}`,
          )
        else
          req.payload.logger.warn(
            { ...context, error: error instanceof Error ? error.message : String(error) },
            `Job ${task.slug} failed; it runs again`,
          )
      }
      let result: Awaited<ReturnType<typeof handler>>
      try {
        result = await handler(args)
      } catch (error) {
        failed(error)
        throw error
      }
      if (result && 'state' in result && result.state === 'failed') failed(new Error(result.errorMessage ?? 'The task reported a failure'))
      else webMetrics().jobRun(task.slug, queue, 'succeeded', startedAt)
      return result
    },
  }
}
