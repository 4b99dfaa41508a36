import type { Server } from 'node:http'

import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'

import { servePrometheus } from '@/lib/prometheus'

export type RequestType = 'access' | 'accounting'

/** Why a datagram got no answer. Every drop is counted under exactly one of these. */
export const DROP_REASONS = [
  'malformed',
  'unexpected-code',
  'unknown-router',
  'bad-authenticator',
  'bad-message-authenticator',
  'missing-message-authenticator',
  'duplicate-in-progress',
  'overloaded',
  'processing-failed',
  'shutting-down',
] as const
export type DropReason = (typeof DROP_REASONS)[number]

/** What the service tells Prometheus: requests by type and outcome, latency, drops by reason. */
export class RadiusMetrics {
  readonly registry = new Registry()
  readonly requests = new Counter({
    name: 'beacon_radius_requests_total',
    help: 'RADIUS requests answered, by type and result (accept, reject, recorded, duplicate).',
    labelNames: ['type', 'result'] as const,
    registers: [this.registry],
  })
  readonly drops = new Counter({
    name: 'beacon_radius_dropped_total',
    help: 'RADIUS datagrams dropped without an answer, by reason.',
    labelNames: ['type', 'reason'] as const,
    registers: [this.registry],
  })
  readonly latency = new Histogram({
    name: 'beacon_radius_request_duration_seconds',
    help: 'Time from receiving a RADIUS request to sending its answer.',
    labelNames: ['type', 'result'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  })
  readonly inFlight = new Gauge({
    name: 'beacon_radius_in_flight_requests',
    help: 'RADIUS requests being processed now.',
    registers: [this.registry],
  })

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'beacon_radius_' })
    // Every reason shows up as 0 from the start, so alerts can use rate() on it right away.
    for (const type of ['access', 'accounting'] as const) {
      for (const reason of DROP_REASONS) this.drops.inc({ type, reason }, 0)
    }
  }

  drop(type: RequestType, reason: DropReason): void {
    this.drops.inc({ type, reason })
  }

  answered(type: RequestType, result: string, startedAt: bigint): void {
    this.requests.inc({ type, result })
    this.latency.observe({ type, result }, Number(process.hrtime.bigint() - startedAt) / 1e9)
  }
}

/** `GET /metrics` in Prometheus' text format; everything else is 404. */
export function serveMetrics(metrics: RadiusMetrics, host: string, port: number): Promise<{ server: Server; port: number }> {
  return servePrometheus(metrics.registry, host, port)
}
