import { EventEmitter } from 'node:events'
import type { IncomingMessage, ServerResponse } from 'node:http'

import { describe, expect, it } from 'vitest'

import { levelForStatus, routeTemplate, WebMetrics, webMetricsAddress } from '@/plugins/monitoring'

const ID = '5f0c2a4e-8d1b-4c3a-9e7f-0123456789ab'

describe('routeTemplate', () => {
  it.each([
    ['/', '/'],
    ['/api/users/me', '/api/users/me'],
    [`/api/routers/${ID}`, '/api/routers/:id'],
    [`/api/routers/${ID}?depth=0`, '/api/routers/:id'],
    [`/api/routers/${ID}/hotspot-login`, '/api/routers/:id/hotspot-login'],
    ['/api/vouchers/batches/20250203-A1B2C3D4/sheet', '/api/vouchers/batches/:id/sheet'],
    [`/api/captive-portal/${ID}`, '/api/captive-portal/:id'],
    ['/api/graphql', '/api/graphql'],
    [`/portal/demo-isp/${ID}`, '/portal/:org/:location'],
    [`/portal/demo-isp/${ID}/status`, '/portal/:org/:location/status'],
    [`/portal/demo-isp/${ID}/tickets/${ID}`, '/portal/:org/:location/tickets/:id'],
    [`/portal/demo-isp/${ID}/do/signin`, '/portal/:org/:location/do/signin'],
    ['/portal', '/portal'],
    [`/dashboard/tickets/${ID}?branch=${ID}`, '/dashboard/tickets/:id'],
    [`/admin/collections/routers/${ID}`, '/admin/collections/routers/:id'],
    ['/admin/collections/routers/create', '/admin/collections/routers/create'],
    ['/_next/static/chunks/app-4f3e2a.js', '/_next/*'],
    ['/wp-login.php', '/*'],
    ['/.env', '/*'],
    ['/api/a/b/c/d/e/f/g/h', '/api/a/b/c/d/e/f/*'],
    ['/api/users/RANDOMtoken123', '/api/users/:id'],
  ])('%s → %s', (url, template) => {
    expect(routeTemplate(url)).toBe(template)
  })
})

describe('request metrics', () => {
  /** A request answered with `status`, or abandoned by its client before the answer ended. */
  const answer = (metrics: WebMetrics, url: string, status: number, finished = true) => {
    const response = Object.assign(new EventEmitter(), { statusCode: status, writableFinished: finished })
    metrics.measure({ method: 'GET', url } as IncomingMessage, response as unknown as ServerResponse)
    response.emit('close')
  }
  const letters = (n: number) => [...n.toString(26)].map((digit) => String.fromCharCode(97 + parseInt(digit, 26))).join('')

  it('keep at most 500 route labels: past them, a new path counts under its section', async () => {
    const metrics = new WebMetrics()
    for (let n = 0; n < 600; n++) answer(metrics, `/api/scan-${letters(n)}`, 404)
    const routes = (await metrics.requests.get()).values.map((sample) => String(sample.labels.route))
    expect(new Set(routes).size).toBe(501)
    expect(routes).toContain('/api/*')
    expect(routes).toContain('/api/scan-a')
  })

  it('count a request whose client went away as 499', async () => {
    const metrics = new WebMetrics()
    answer(metrics, '/dashboard/sessions', 200, false)
    expect((await metrics.requests.get()).values).toEqual([
      { labels: { method: 'GET', route: '/dashboard/sessions', status: '499' }, value: 1 },
    ])
  })
})

describe('levelForStatus', () => {
  it.each([
    [400, 'info'],
    [404, 'info'],
    [409, 'info'],
    [401, 'warn'],
    [403, 'warn'],
    [423, 'warn'],
    [429, 'warn'],
    [500, 'error'],
    [503, 'error'],
  ])('%d → %s', (status, level) => {
    expect(levelForStatus(status)).toBe(level)
  })
})

describe('webMetricsAddress', () => {
  it('listens on this machine only, port 9813, unless told otherwise', () => {
    expect(webMetricsAddress({})).toEqual({ host: '127.0.0.1', port: 9813 })
    expect(webMetricsAddress({ WEB_METRICS_HOST: '10.0.0.5', WEB_METRICS_PORT: '9100' })).toEqual({ host: '10.0.0.5', port: 9100 })
  })

  it('is off with port 0 and refuses what is not a port', () => {
    expect(webMetricsAddress({ WEB_METRICS_PORT: '0' })).toBeNull()
    expect(() => webMetricsAddress({ WEB_METRICS_PORT: 'abc' })).toThrow(/WEB_METRICS_PORT=abc is not a port number/)
    expect(() => webMetricsAddress({ WEB_METRICS_PORT: '70000' })).toThrow(/not a port number/)
  })
})
