import { readFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * `GET /monaco/<file>`: the Monaco editor (the npm package's `min` build) served by the app
 * itself, so the admin panel's code and JSON editors work without reaching a CDN (see
 * src/plugins/admin/components/LocalMonaco.tsx). Only files inside that folder, read-only.
 */
const ROOT = path.join(process.cwd(), 'node_modules', 'monaco-editor', 'min')

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
}

export async function GET(_request: Request, { params }: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const parts = (await params).path
  const file = path.resolve(ROOT, ...parts)
  const type = TYPES[path.extname(file)]
  if (!file.startsWith(`${ROOT}${path.sep}`) || !type) return new Response('Not found', { status: 404 })
  try {
    return new Response(new Uint8Array(await readFile(file)), {
      headers: { 'content-type': type, 'cache-control': 'public, max-age=86400' },
    })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EISDIR') return new Response('Not found', { status: 404 })
    throw error
  }
}
