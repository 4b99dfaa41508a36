import type { RadiusConfig } from '../../src/config'

/** The service on loopback and any free ports, its job runners off unless a test turns them on. */
export const testConfig = (overrides: Partial<RadiusConfig> = {}): RadiusConfig => ({
  host: '127.0.0.1',
  authPort: 0,
  accountingPort: 0,
  duplicateWindowMs: 30_000,
  metricsHost: '127.0.0.1',
  metricsPort: 0,
  interimIntervalSeconds: 300,
  runJobs: false,
  ...overrides,
})
