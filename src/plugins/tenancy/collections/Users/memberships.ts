import { type ID, relationId, relationIds, type Role } from '@/access'

/** A membership reduced to what decides access, so two versions can be compared. */
export type MembershipRow = { organization: ID; role: Role; locations: ID[] }

export function normalizeMemberships(value: unknown): MembershipRow[] {
  if (!Array.isArray(value)) return []
  return value
    .map((row) => ({
      organization: relationId(row?.organization),
      role: row?.role as Role,
      locations: relationIds(row?.locations).sort(),
    }))
    .filter((row): row is MembershipRow => row.organization !== null && typeof row.role === 'string')
}

export const membershipKey = (row: MembershipRow) => `${row.organization}|${row.role}|${row.locations.join(',')}`

/** Rows present in one list and not the other: the memberships a change grants or revokes. */
export function changedMemberships(before: MembershipRow[], after: MembershipRow[]): MembershipRow[] {
  const beforeKeys = new Set(before.map(membershipKey))
  const afterKeys = new Set(after.map(membershipKey))
  return [...after.filter((row) => !beforeKeys.has(membershipKey(row))), ...before.filter((row) => !afterKeys.has(membershipKey(row)))]
}
