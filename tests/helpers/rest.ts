import { GRAPHQL_POST, REST_DELETE, REST_GET, REST_PATCH, REST_POST } from '@payloadcms/next/routes'

import { testPayload } from './payload'

type Handler = (request: Request, context: { params: Promise<{ slug: string[] }> }) => Promise<Response>
type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'

let handlers: Promise<Record<Method, Handler> & { graphql: (request: Request) => Promise<Response> }> | null = null

/**
 * Payload's own REST route handlers, the ones `app/(payload)/api/[...slug]/route.ts` serves in
 * Next.js, called in-process: requests go through authentication, routing, custom endpoints,
 * access control and error handling exactly as over HTTP, without a build.
 */
function restHandlers() {
  handlers ??= (async () => {
    // The running instance's config, not this file's import of it: Payload caches the instance and
    // the GraphQL schema for the whole run, and each test file imports its own copy of Beacon's
    // modules. With one config, REST and GraphQL share the same hooks and their in-memory state
    // (the sign-in limits), as they do in the web app.
    const { config } = await testPayload()
    return {
      ...({ GET: REST_GET(config), POST: REST_POST(config), PATCH: REST_PATCH(config), DELETE: REST_DELETE(config) } as Record<Method, Handler>),
      graphql: GRAPHQL_POST(config),
    }
  })()
  return handlers
}

// Response bodies are whatever JSON the API sent; tests read them like a client would.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any

export type RestResponse<T = Json> = { status: number; body: T; text: string; headers: Headers }

/**
 * How a client presents itself: its headers (a browser's `user-agent`; `x-beacon-client-ip`,
 * which Beacon's web server sets from the socket), and whether it sends its token as the
 * browser's cookie instead of an `Authorization` header.
 */
export type ClientOptions = { headers?: Record<string, string>; cookie?: boolean }

/** A person's REST session: signs in once, then sends the token with each request. */
export class RestClient {
  private constructor(
    readonly email: string | null,
    private readonly token: string | null,
    private readonly options: ClientOptions = {},
  ) {}

  static anonymous(options: ClientOptions = {}): RestClient {
    return new RestClient(null, null, options)
  }

  static async signIn(email: string, password: string, options: ClientOptions = {}): Promise<RestClient> {
    return RestClient.anonymous(options).signInFromHere(email, password)
  }

  /** Signs in from this client: with its headers, and the session its cookie holds, if any. */
  async signInFromHere(email: string, password: string): Promise<RestClient> {
    const response = await this.post('/api/users/login', { email, password })
    if (response.status !== 200) throw new Error(`sign-in of ${email} failed: ${response.status} ${response.text}`)
    return new RestClient(email, response.body.token, this.options)
  }

  async request<T = Json>(method: Method, path: string, body?: unknown): Promise<RestResponse<T>> {
    const handler = (await restHandlers())[method]
    const url = new URL(path, 'http://localhost')
    const slug = url.pathname.replace(/^\/api\//, '').split('/').filter(Boolean).map(decodeURIComponent)
    const headers = new Headers(this.options.headers)
    if (this.token && this.options.cookie) headers.set('cookie', `payload-token=${this.token}`)
    else if (this.token) headers.set('authorization', `JWT ${this.token}`)
    if (body !== undefined) headers.set('content-type', 'application/json')
    const response = await handler(
      new Request(url, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) }),
      { params: Promise.resolve({ slug }) },
    )
    const text = await response.text()
    let parsed: unknown = text
    if ((response.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text)
    return { status: response.status, body: parsed as T, text, headers: response.headers }
  }

  /** A GraphQL request to `/api/graphql`, with this client's headers and token. */
  async graphql<T = Json>(query: string, variables: Record<string, unknown> = {}): Promise<RestResponse<T>> {
    const headers = new Headers(this.options.headers)
    if (this.token) headers.set('authorization', `JWT ${this.token}`)
    headers.set('content-type', 'application/json')
    const response = await (await restHandlers()).graphql(
      new Request('http://localhost/api/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) }),
    )
    const text = await response.text()
    return { status: response.status, body: JSON.parse(text) as T, text, headers: response.headers }
  }

  get<T = Json>(path: string) {
    return this.request<T>('GET', path)
  }
  post<T = Json>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {})
  }
  patch<T = Json>(path: string, body: unknown) {
    return this.request<T>('PATCH', path, body)
  }
  delete<T = Json>(path: string) {
    return this.request<T>('DELETE', path)
  }
}

/** The first error message of a Payload error response. */
export function errorOf(response: RestResponse): string {
  return response.body?.errors?.[0]?.message ?? ''
}
