/** Where the web app under test serves its Prometheus metrics (E2E_WEB_METRICS_PORT to move it), away from a local Beacon's 9813. */
export const WEB_METRICS_PORT = Number(process.env.E2E_WEB_METRICS_PORT ?? 19813)
