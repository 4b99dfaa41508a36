/** Where the RADIUS service of the app under test listens (E2E_RADIUS_AUTH_PORT/E2E_RADIUS_ACCT_PORT to move it). */
export const RADIUS_PORTS = {
  auth: Number(process.env.E2E_RADIUS_AUTH_PORT ?? 11812),
  accounting: Number(process.env.E2E_RADIUS_ACCT_PORT ?? 11813),
}
