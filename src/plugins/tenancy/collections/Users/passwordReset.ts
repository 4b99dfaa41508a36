import { addDataAndFileToRequest, APIError, type Config, type Endpoint, headersWithCors, type Payload, type PayloadRequest } from 'payload'

type GraphQLExtension = NonNullable<NonNullable<Config['graphQL']>['mutations']>

import { escapeHtml } from '@/lib/html'
import { trustedBaseUrl } from '@/lib/publicUrl'

/** How long after answering the link is made and sent. */
const SEND_AFTER_MS = 500

/**
 * A staff member's "Forgot password", answered at once, the same way whether the address has an
 * account or not: the link is made and sent afterwards. Payload's own answered an unknown address
 * in a few milliseconds and a known one only after saving its token and sending the email, which
 * told anyone who timed it who has an account.
 */
function sendResetLinkLater(payload: Payload, email: string): void {
  // Later than the answer, so it neither delays it nor competes with it for this process.
  setTimeout(() => {
    payload
      .forgotPassword({ collection: 'users', data: { email } })
      .catch((error: unknown) => payload.logger.error({ err: error }, 'Sending a password-reset email failed'))
  }, SEND_AFTER_MS)
}

const missingEmail = () => new APIError('Missing email.', 400, null, true)

/** `POST /api/users/forgot-password` `{ email }` in place of Payload's own (see sendResetLinkLater). */
export const forgotPasswordEndpoint: Endpoint = {
  path: '/forgot-password',
  method: 'post',
  handler: async (req) => {
    await addDataAndFileToRequest(req)
    const email = typeof req.data?.email === 'string' ? req.data.email.trim() : ''
    if (!email) throw missingEmail()
    sendResetLinkLater(req.payload, email)
    return Response.json({ message: req.t('general:success') }, { headers: headersWithCors({ headers: new Headers(), req }) })
  },
}

/**
 * GraphQL's `forgotPasswordUser(email)` in place of Payload's own, for the same reason as the
 * endpoint above; `true` for any address. (Payload's also took `disableEmail`, which hands the
 * token to the caller and is for server code only.)
 */
export const forgotPasswordMutation: GraphQLExtension = (GraphQL) => ({
  forgotPasswordUser: {
    type: new GraphQL.GraphQLNonNull(GraphQL.GraphQLBoolean),
    args: { email: { type: new GraphQL.GraphQLNonNull(GraphQL.GraphQLString) } },
    resolve: (_source: unknown, { email }: { email: string }, context: { req: PayloadRequest }) => {
      if (!email.trim()) throw missingEmail()
      sendResetLinkLater(context.req.payload, email.trim())
      return true
    },
  },
})

/**
 * The staff password-reset email. Its link points at Beacon's own address (BEACON_PUBLIC_URL,
 * else this machine), never at the Host the request named: Payload leaves it relative (unusable
 * in an email) unless a server URL is configured.
 */
export function resetEmailHtml(args?: { req?: PayloadRequest; token?: string }): string {
  const link = `${trustedBaseUrl()}/admin/reset/${encodeURIComponent(args?.token ?? '')}`
  return `<p>Someone asked to reset the password of your Beacon account.</p>
<p>Choose a new password within an hour: <a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>
<p>If it was not you, ignore this email: your password stays as it is.</p>`
}
