import { describe, expect, it } from 'vitest'

import { radiusConfigFromEnv } from '../../radius-service/src/config'

const DEFAULTS = {
  host: '0.0.0.0',
  authPort: 1812,
  accountingPort: 1813,
  duplicateWindowMs: 30_000,
  metricsHost: '127.0.0.1',
  metricsPort: 9812,
  interimIntervalSeconds: 300,
  runJobs: true,
}

describe('RADIUS service configuration', () => {
  it('listens on the standard ports by default', () => {
    expect(radiusConfigFromEnv({})).toEqual(DEFAULTS)
  })

  it('takes ports, the duplicate window, metrics and the interim interval from the environment', () => {
    expect(
      radiusConfigFromEnv({
        RADIUS_HOST: '127.0.0.1',
        RADIUS_AUTH_PORT: '11812',
        RADIUS_ACCT_PORT: '11813',
        RADIUS_DUPLICATE_WINDOW_SECONDS: '5',
        RADIUS_METRICS_HOST: '0.0.0.0',
        RADIUS_METRICS_PORT: '19812',
        RADIUS_INTERIM_INTERVAL_SECONDS: '60',
        RADIUS_RUN_JOBS: '0',
      }),
    ).toEqual({
      host: '127.0.0.1',
      authPort: 11812,
      accountingPort: 11813,
      duplicateWindowMs: 5_000,
      metricsHost: '0.0.0.0',
      metricsPort: 19812,
      interimIntervalSeconds: 60,
      runJobs: false,
    })
  })

  it('lets the system pick free ports with 0', () => {
    expect(radiusConfigFromEnv({ RADIUS_AUTH_PORT: '0', RADIUS_ACCT_PORT: '0', RADIUS_METRICS_PORT: '0' })).toMatchObject({
      authPort: 0,
      accountingPort: 0,
      metricsPort: 0,
    })
  })

  it.each([
    [{ RADIUS_AUTH_PORT: 'radius' }, /RADIUS_AUTH_PORT=radius is not a port/],
    [{ RADIUS_ACCT_PORT: '70000' }, /RADIUS_ACCT_PORT=70000/],
    [{ RADIUS_METRICS_PORT: '-1' }, /RADIUS_METRICS_PORT=-1/],
    [{ RADIUS_AUTH_PORT: '1813' }, /must differ/],
    [{ RADIUS_DUPLICATE_WINDOW_SECONDS: '0' }, /from 1 to 600/],
    [{ RADIUS_RUN_JOBS: 'maybe' }, /RADIUS_RUN_JOBS=maybe must be 1 or 0/],
    [{ RADIUS_INTERIM_INTERVAL_SECONDS: '10' }, /RADIUS_INTERIM_INTERVAL_SECONDS=10 must be a whole number of seconds from 60/],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => radiusConfigFromEnv(env)).toThrow(message)
  })
})
