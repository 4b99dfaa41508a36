/**
 * The web app's Prometheus endpoint as `npm start` serves it: the web server counts every
 * request by route template, Payload inside Next.js adds its queue depth, and all of it is on
 * its own loopback port, never on the public one.
 */
import { expect, test } from '@playwright/test'

import { DEMO, demoIds, signInOverRest } from './helpers'
import { WEB_METRICS_PORT } from './metricsPort'

const METRICS_URL = `http://127.0.0.1:${WEB_METRICS_PORT}/metrics`

/** The samples of one metric in Prometheus' text format, with their labels. */
function samples(text: string, name: string): { labels: Record<string, string>; value: number }[] {
  const found = []
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (!match || match[1] !== name) continue
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map(([, key, value]) => [key, value]))
    found.push({ labels, value: Number(match[3]) })
  }
  return found
}

test('requests are counted under their route template and status, on the metrics port only', async ({ request }) => {
  const ids = await demoIds(request)
  await signInOverRest(request, DEMO.orgAdmin)
  expect((await request.get(`/api/locations/${ids.downtown}`)).status()).toBe(200)
  expect((await request.get(`/api/locations/${ids.mainStreet}`)).status()).toBe(404)
  await request.get(`/portal/demo-isp/${ids.downtown}`)

  const scraped = await request.get(METRICS_URL)
  expect(scraped.status()).toBe(200)
  const text = await scraped.text()
  const requests = samples(text, 'beacon_web_http_requests_total')
  const count = (route: string, status?: string) =>
    requests
      .filter(({ labels }) => labels.route === route && (!status || labels.status === status))
      .reduce((sum, { value }) => sum + value, 0)
  expect(count('/api/locations/:id', '200')).toBeGreaterThanOrEqual(1)
  expect(count('/api/locations/:id', '404')).toBeGreaterThanOrEqual(1)
  expect(count('/portal/:org/:location')).toBeGreaterThanOrEqual(1)
  expect(text).not.toContain(ids.downtown)
  expect(samples(text, 'beacon_web_http_request_duration_seconds_count').some(({ labels }) => labels.route === '/api/locations/:id')).toBe(
    true,
  )
  // Payload, inside Next.js's server bundle, reports into the same metrics as the web server.
  expect(samples(text, 'beacon_jobs_pending').map(({ labels }) => labels.queue)).toContain('maintenance')
  expect(text).toContain('# TYPE beacon_web_job_runs_total counter')
  expect(samples(text, 'beacon_web_process_resident_memory_bytes')[0]?.value).toBeGreaterThan(0)

  const publicPort = await request.get('/metrics')
  expect(publicPort.status()).toBe(404)
  expect(await publicPort.text()).not.toContain('beacon_web_http_requests_total')
})
