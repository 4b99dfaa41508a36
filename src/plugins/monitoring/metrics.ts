import type { IncomingMessage, Server, ServerResponse } from 'node:http'

import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'

import { servePrometheus } from '@/lib/prometheus'

/** How a job's run ended: done, failed with retries left, or failed for good. */
export type JobOutcome = 'succeeded' | 'retrying' | 'failed'

/** Jobs waiting in `payload-jobs`, per queue: read from the database when Prometheus scrapes. */
export type QueueDepth = { queue: string; pending: number; due: number; oldestDueSeconds: number; failed: number }

/**
 * What the web app tells Prometheus: HTTP requests by route template and status, their latency,
 * the jobs this process ran, the depth of every job queue, and Node's process metrics.
 */
export class WebMetrics {
  readonly registry = new Registry()
  readonly requests = new Counter({
    name: 'beacon_web_http_requests_total',
    help: 'HTTP requests answered by the web app, by method, route template and status (499: the client went away first).',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  })
  readonly latency = new Histogram({
    name: 'beacon_web_http_request_duration_seconds',
    help: 'Time from receiving an HTTP request to the end of its answer, by method and route template.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  })
  readonly jobRuns = new Counter({
    name: 'beacon_web_job_runs_total',
    help: 'Job runs in this process, by task, queue and outcome (succeeded, retrying: failed with retries left, failed: no retries left).',
    labelNames: ['task', 'queue', 'outcome'] as const,
    registers: [this.registry],
  })
  readonly jobDuration = new Histogram({
    name: 'beacon_web_job_duration_seconds',
    help: 'Time a job run took in this process, by task and queue.',
    labelNames: ['task', 'queue'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300],
    registers: [this.registry],
  })
  /** Set once Payload has started in this process (its onInit); until then the queue gauges stay empty. */
  queueDepth: (() => Promise<QueueDepth[]>) | null = null

  constructor() {
    // One query per scrape serves the four queue gauges (prom-client collects them together).
    let reading: Promise<QueueDepth[]> | null = null
    const depths = () => {
      if (!reading) {
        const forget = () => setImmediate(() => (reading = null))
        reading = this.queueDepth?.() ?? Promise.resolve([])
        reading.then(forget, forget)
      }
      return reading
    }
    const byQueue = (name: string, help: string, value: (depth: QueueDepth) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['queue'] as const,
        registers: [this.registry],
        async collect() {
          this.reset()
          for (const depth of await depths()) this.set({ queue: depth.queue }, value(depth))
        },
      })
    byQueue(
      'beacon_jobs_pending',
      'Jobs in payload-jobs not yet done and not failed for good, by queue (all instances).',
      (depth) => depth.pending,
    )
    byQueue('beacon_jobs_due', 'Pending jobs whose time has come and that no runner holds yet, by queue.', (depth) => depth.due)
    byQueue(
      'beacon_jobs_oldest_due_seconds',
      'How long the oldest due job has waited, by queue: a queue nobody works grows here.',
      (depth) => depth.oldestDueSeconds,
    )
    byQueue('beacon_jobs_failed', 'Jobs that failed for good and are kept in payload-jobs, by queue.', (depth) => depth.failed)
  }

  private collectingProcessMetrics = false

  /**
   * Node's process metrics (CPU, memory, event loop lag, GC), started only where the metrics are
   * served: other processes that load Payload (the RADIUS service, scripts) keep their own.
   */
  collectProcessMetrics(): void {
    if (this.collectingProcessMetrics) return
    this.collectingProcessMetrics = true
    collectDefaultMetrics({ register: this.registry, prefix: 'beacon_web_' })
  }

  /** Counts one request when its answer ends (or the client goes away). */
  measure(request: IncomingMessage, response: ServerResponse): void {
    const startedAt = process.hrtime.bigint()
    const method = METHODS.has(request.method ?? '') ? request.method! : 'OTHER'
    response.once('close', () => {
      const route = this.routeLabel(request.url ?? '/')
      const status = response.writableFinished ? String(response.statusCode) : '499'
      this.requests.inc({ method, route, status })
      this.latency.observe({ method, route }, Number(process.hrtime.bigint() - startedAt) / 1e9)
    })
  }

  jobRun(task: string, queue: string, outcome: JobOutcome, startedAt: bigint): void {
    this.jobRuns.inc({ task, queue, outcome })
    this.jobDuration.observe({ task, queue }, Number(process.hrtime.bigint() - startedAt) / 1e9)
  }

  private readonly routes = new Set<string>()

  /**
   * The route template of a URL, from a bounded set: paths are chosen by clients (scanners
   * included), and every distinct label is a time series Prometheus keeps.
   */
  private routeLabel(url: string): string {
    const route = routeTemplate(url)
    if (this.routes.has(route)) return route
    if (this.routes.size >= MAX_ROUTES) {
      const section = route.split('/')[1]
      return SECTIONS.has(section) ? `/${section}/*` : route
    }
    this.routes.add(route)
    return route
  }
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])
const MAX_ROUTES = 500
const MAX_SEGMENTS = 6
/** The app's own parts; any other first segment (scanners' `/wp-login.php`, `/.env`) is `/*`. */
const SECTIONS = new Set(['admin', 'api', 'dashboard', 'portal'])
/** A word of a route (`routers`, `force-logout`, `hotspot-login`), as opposed to an id or a token. */
const WORD = /^[a-z][a-z-]{0,39}$/

/**
 * A request's path as a route template: ids, tokens and slugs become parameters, so
 * `/api/routers/5f0c…/hotspot-login` counts as `/api/routers/:id/hotspot-login` and
 * `/portal/demo-isp/7a1e…/status` as `/portal/:org/:location/status`.
 */
export function routeTemplate(url: string): string {
  const segments = url.split(/[?#]/, 1)[0].split('/').filter(Boolean)
  if (segments.length === 0) return '/'
  const [section, ...rest] = segments
  if (section === '_next') return '/_next/*'
  if (!SECTIONS.has(section)) return '/*'
  const names = rest.map((segment) => (WORD.test(segment) ? segment : ':id'))
  // A branch's portal is addressed by its organization's slug, which reads like a word.
  if (section === 'portal' && names.length >= 2) names.splice(0, 2, ':org', ':location')
  const kept = names.slice(0, MAX_SEGMENTS)
  return `/${[section, ...kept].join('/')}${names.length > MAX_SEGMENTS ? '/*' : ''}`
}

const GLOBAL_KEY = Symbol.for('beacon.webMetrics')

/**
 * The process's one set of web metrics. The web server (scripts/web-server.ts, loaded by tsx)
 * and Payload inside Next.js's server bundle each have their own copy of this module, so the
 * instance lives on `globalThis` where both find it.
 */
export function webMetrics(): WebMetrics {
  const holder = globalThis as { [GLOBAL_KEY]?: WebMetrics }
  holder[GLOBAL_KEY] ??= new WebMetrics()
  return holder[GLOBAL_KEY]
}

/** `GET /metrics` in Prometheus' text format on its own address; everything else is 404. */
export function serveWebMetrics(metrics: WebMetrics, host: string, port: number): Promise<{ server: Server; port: number }> {
  metrics.collectProcessMetrics()
  return servePrometheus(metrics.registry, host, port)
}

/**
 * Where the web app's metrics listen: WEB_METRICS_HOST (default 127.0.0.1, this machine only)
 * and WEB_METRICS_PORT (default 9813; `0` turns them off). Never the public web port: the
 * numbers tell an attacker what is in use and how busy it is.
 */
export function webMetricsAddress(env: Record<string, string | undefined> = process.env): { host: string; port: number } | null {
  const raw = env.WEB_METRICS_PORT?.trim()
  const port = raw === undefined || raw === '' ? 9813 : Number(raw)
  if (!/^\d*$/.test(raw ?? '') || !Number.isInteger(port) || port > 65535) {
    throw new Error(`WEB_METRICS_PORT=${raw} is not a port number (1-65535, or 0 for no metrics endpoint).`)
  }
  return port === 0 ? null : { host: env.WEB_METRICS_HOST?.trim() || '127.0.0.1', port }
}
