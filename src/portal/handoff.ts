import { escapeHtml } from '@/lib/html'

/**
 * The page that hands one-time credentials to the router: a form posted to the router's login
 * URL, as MikroTik's own login page posts it. A script sends it at once; without JavaScript (a
 * phone's captive-portal window may have none) the customer taps the button. Nothing else is
 * loaded, so the page works before the device is online.
 */
export function handoffPage({
  action,
  fields,
  title,
  color,
}: {
  action: string
  fields: Record<string, string>
  title: string
  color: string
}): string {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Connecting… · ${escapeHtml(title)}</title>
<style>
body { margin: 0; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1f2933; background: #f5f7fa; }
main { max-width: 28rem; margin: 3rem auto; padding: 1.5rem; background: #fff; border-top: 6px solid ${color}; border-radius: 10px; text-align: center; }
button { font: inherit; font-size: 1.1rem; padding: 0.8rem 1.4rem; border: 0; border-radius: 8px; background: ${color}; color: #fff; cursor: pointer; }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p>Your code was accepted. Connecting this device to the internet…</p>
<form id="router-login" method="post" action="${escapeHtml(action)}">
${inputs}
<button type="submit">Connect to the internet</button>
</form>
</main>
<script>document.getElementById('router-login').submit()</script>
</body>
</html>
`
}
