import { defineConfig } from '@playwright/test'

import { WEB_METRICS_PORT } from './e2e/metricsPort'
import { EMAIL_OUTBOX } from './e2e/outbox'
import { RADIUS_PORTS } from './e2e/radiusPorts'

const port = Number(process.env.E2E_PORT ?? 3100)

/**
 * Browser tests drive Debian's Chromium against Beacon started exactly as `npm start` starts it
 * (production build), but on a fresh throw-away database with the demo data.
 */
export default defineConfig({
  testDir: './e2e',
  outputDir: '../test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    },
  },
  webServer: {
    command: `tsx scripts/start.ts --fresh --port ${port}`,
    cwd: '..',
    url: `http://localhost:${port}/api/users/me`,
    // The first run builds the app.
    timeout: 15 * 60_000,
    // E2E_REUSE=1 runs the tests against an app already started on E2E_PORT (while developing).
    reuseExistingServer: process.env.E2E_REUSE === '1',
    stdout: 'pipe',
    stderr: 'pipe',
    // The RADIUS service of the app under test, away from the standard ports a local Beacon uses.
    // Its job runner works as in production: a force-logout's Disconnect-Request goes to the demo
    // router's CoA port (127.0.0.1:3799), where the dashboard's test listens as the router. The web
    // app's metrics are on a test port too (tests/e2e/metrics.spec.ts scrapes them). Emails (no
    // SMTP here) are also written to EMAIL_OUTBOX, where the portal's test reads them.
    env: {
      RADIUS_AUTH_PORT: String(RADIUS_PORTS.auth),
      RADIUS_ACCT_PORT: String(RADIUS_PORTS.accounting),
      RADIUS_METRICS_PORT: '0',
      RADIUS_RUN_JOBS: '1',
      WEB_METRICS_HOST: '127.0.0.1',
      WEB_METRICS_PORT: String(WEB_METRICS_PORT),
      BEACON_EMAIL_OUTBOX: EMAIL_OUTBOX,
    },
  },
})
