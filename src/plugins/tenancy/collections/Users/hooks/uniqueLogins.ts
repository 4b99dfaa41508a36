import { sql } from '@payloadcms/db-postgres'
import type { CollectionBeforeChangeHook } from 'payload'

import { drizzleFor, rowsOf } from '@/db/sql'
import { conflict } from '@/http/errors'
import { isUuid } from '@/lib/ids'

import { normalizeMemberships } from '../memberships'

const FIELD_WORDS: Record<string, string> = { email: 'email address', username: 'username', phone: 'phone number' }

/**
 * The names people sign in with stay unambiguous within each organization:
 * - usernames (customers' PPPoE and hotspot logins) among everyone in it;
 * - a customer's email, username and phone number among its customers, since the portal and
 *   RADIUS take any of them: a customer who took another's phone number would otherwise make
 *   that person's sign-in match two accounts and be refused.
 * The database holds the same rule (`customer_logins`, kept by triggers); this check answers first,
 * in words, so only two saves racing each other meet the database's refusal.
 */
export const uniqueLogins: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  const submitted = typeof data.username === 'string' ? data.username.trim() : undefined
  const username = submitted === undefined ? (originalDoc?.username ?? null) : submitted || null
  const memberships = normalizeMemberships(data.memberships ?? originalDoc?.memberships)
  const organizations = memberships.map((row) => row.organization)
  const own = originalDoc?.id ? [{ id: { not_equals: originalDoc.id } }] : []

  if (submitted && organizations.length > 0) {
    const { totalDocs } = await req.payload.count({
      collection: 'users',
      where: { and: [{ username: { equals: username } }, { 'memberships.organization': { in: organizations } }, ...own] },
      overrideAccess: true,
      req,
    })
    if (totalDocs > 0) throw conflict(`The username "${username}" is already taken in this organization.`)
  }

  const customerOf = memberships.filter((row) => row.role === 'customer' && isUuid(row.organization)).map((row) => row.organization)
  if (customerOf.length > 0) {
    const email: string | null = data.email ?? originalDoc?.email ?? null
    const phone: string | null = ('phone' in data ? data.phone : originalDoc?.phone) ?? null
    const db = await drizzleFor(req.payload, req)
    const [taken] = rowsOf<{ field: string; login: string }>(
      await db.execute(sql`
        select n.field, n.login from beacon_login_names(${email}::varchar, ${username}::varchar, ${phone}::varchar) n
        join customer_logins c on c.login = n.login and c.organization_id in (${sql.join(
          customerOf.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})
        where c.user_id is distinct from ${originalDoc?.id ?? null}::uuid
        limit 1`),
    )
    if (taken) {
      const typed = ({ email, username, phone } as Record<string, string | null>)[taken.field] ?? taken.login
      throw conflict(`The ${FIELD_WORDS[taken.field] ?? taken.field} ${typed} is already used by another customer of this organization.`)
    }
  }
  return submitted ? { ...data, username: submitted } : data
}
