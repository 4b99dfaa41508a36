import type { Payload } from 'payload'

/**
 * Lexical's packages, each before the ones that import it. Their Node entry points pick a dev or
 * prod build with a top-level `await import()`; when Payload's editor loads many of them at once,
 * Node 20 sometimes leaves one of those awaits unsettled and the process hangs or exits with
 * code 13 (nodejs/node#55468 and relatives). Loading them one at a time, leaves first, avoids it.
 * Next.js bundles these modules and is not affected; scripts, tests and the RADIUS service are.
 */
const LEXICAL_PACKAGES = [
  'lexical',
  '@lexical/selection',
  '@lexical/utils',
  '@lexical/extension',
  '@lexical/html',
  '@lexical/list',
  '@lexical/clipboard',
  '@lexical/link',
  '@lexical/mark',
  '@lexical/table',
  '@lexical/text',
  '@lexical/headless',
  '@lexical/history',
  '@lexical/rich-text',
  '@lexical/markdown',
]

async function preloadLexical() {
  for (const name of LEXICAL_PACKAGES) {
    await import(name)
  }
}

let loading: Promise<Payload> | null = null

/** Payload over DATABASE_URL, for code running outside Next.js. One instance per process. */
export function loadPayload(): Promise<Payload> {
  loading ??= (async () => {
    await preloadLexical()
    const { getPayload } = await import('payload')
    const { default: config } = await import('../../payload.config')
    return getPayload({ config })
  })()
  return loading
}
