import { describe, expect, it } from 'vitest'

import { radiusConfigFromEnv } from '../../radius-service/src/config'

describe('RADIUS service configuration', () => {
  it('listens on the standard ports by default', () => {
    expect(radiusConfigFromEnv({})).toEqual({ host: '0.0.0.0', authPort: 1812, accountingPort: 1813, duplicateWindowMs: 30_000 })
  })

  it('takes ports and the duplicate window from the environment', () => {
    expect(
      radiusConfigFromEnv({ RADIUS_HOST: '127.0.0.1', RADIUS_AUTH_PORT: '11812', RADIUS_ACCT_PORT: '11813', RADIUS_DUPLICATE_WINDOW_SECONDS: '5' }),
    ).toEqual({ host: '127.0.0.1', authPort: 11812, accountingPort: 11813, duplicateWindowMs: 5_000 })
  })

  it.each([
    [{ RADIUS_AUTH_PORT: 'radius' }, /RADIUS_AUTH_PORT=radius is not a port/],
    [{ RADIUS_ACCT_PORT: '70000' }, /RADIUS_ACCT_PORT=70000/],
    [{ RADIUS_AUTH_PORT: '1813' }, /must differ/],
    [{ RADIUS_DUPLICATE_WINDOW_SECONDS: '0' }, /from 1 to 600/],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => radiusConfigFromEnv(env)).toThrow(message)
  })
})
