import { describe, expect, it } from 'vitest'

import { isRadiusListening, radiusBanner, radiusListeningLine } from '../../scripts/banner'

describe("npm start's RADIUS line", () => {
  it('gives the ports and the metrics address as configured', () => {
    expect(radiusBanner({})).toEqual({ line: 'UDP 1812 (auth) and 1813 (accounting); metrics http://127.0.0.1:9812/metrics', portsPicked: false })
    expect(radiusBanner({ RADIUS_METRICS_HOST: '0.0.0.0', RADIUS_METRICS_PORT: '19812' }).line).toContain('metrics http://localhost:19812/metrics')
  })

  it('says port 0 means a free port, told once the service listens, never "port 0"', () => {
    const banner = radiusBanner({ RADIUS_METRICS_PORT: '0', RADIUS_AUTH_PORT: '0' })
    expect(banner).toEqual({
      line: 'UDP a free port (auth) and 1813 (accounting); metrics on a free port (RADIUS_METRICS_PORT=0), printed once it listens',
      portsPicked: true,
    })
    expect(banner.line).not.toMatch(/port 0|UDP 0/)
    const listening = { type: 'radius-listening', authPort: 40112, accountingPort: 1813, metricsHost: '127.0.0.1', metricsPort: 40113 }
    expect(isRadiusListening(listening)).toBe(true)
    expect(radiusListeningLine(listening as never)).toBe('RADIUS service listening: UDP 40112 (auth) and 1813 (accounting); metrics http://127.0.0.1:40113/metrics')
  })

  it('repeats why the service will not start rather than guess', () => {
    expect(radiusBanner({ RADIUS_METRICS_PORT: 'nine' }).line).toBe('will not start: RADIUS_METRICS_PORT=nine is not a port number (1-65535, or 0 for any free port).')
  })
})
