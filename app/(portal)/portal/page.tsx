import config from '@payload-config'
import type { Metadata } from 'next'
import { headers as requestHeaders } from 'next/headers'
import { getPayload, type Payload } from 'payload'
import React from 'react'

import { relationId } from '@/access'
import type { User } from '@/payload-types'
import { PlainPortalFrame } from '@/portal/components/PortalFrame'

export const dynamic = 'force-dynamic'
export const metadata: Metadata = { title: 'WiFi login' }

type Branch = { slug: string; organization: string; location: string; name: string }

/** The branches a signed-in customer belongs to: their membership's, or all of an organization's when it names none. */
async function branchesOf(payload: Payload, user: User): Promise<Branch[]> {
  const memberships = (user.memberships ?? []).filter((row) => row.role === 'customer')
  if (memberships.length === 0) return []
  const wholeOrganizations = memberships.filter((row) => !row.locations?.length).map((row) => relationId(row.organization)!)
  const named = memberships.flatMap((row) => (row.locations ?? []).map((location) => relationId(location)!))
  const [organizations, locations] = await Promise.all([
    payload.find({
      collection: 'organizations',
      where: { id: { in: memberships.map((row) => relationId(row.organization)) } },
      depth: 0,
      limit: 100,
      overrideAccess: true,
      select: { slug: true, name: true, branding: true },
    }),
    payload.find({
      collection: 'locations',
      where: { and: [{ active: { not_equals: false } }, { or: [{ id: { in: named } }, { organization: { in: wholeOrganizations } }] }] },
      depth: 0,
      limit: 200,
      sort: 'name',
      overrideAccess: true,
      select: { name: true, organization: true },
    }),
  ])
  const byId = new Map(organizations.docs.map((organization) => [String(organization.id), organization]))
  return locations.docs.flatMap((location) => {
    const organization = byId.get(String(relationId(location.organization)))
    if (!organization) return []
    return [
      {
        slug: organization.slug,
        organization: organization.branding?.displayName || organization.name,
        location: String(location.id),
        name: location.name,
      },
    ]
  })
}

/**
 * `/portal` without a branch: each WiFi network's login page sends devices to its own branch's
 * portal (`/portal/<organization>/<branch>`). A signed-in customer finds their branches here.
 */
export default async function PortalHome() {
  const payload = await getPayload({ config })
  const { user } = await payload.auth({ headers: await requestHeaders() })
  const branches = user?.collection === 'users' ? await branchesOf(payload, user as unknown as User) : []
  return (
    <PlainPortalFrame>
      {branches.length > 0 ? (
        <>
          <h1>Your WiFi</h1>
          <ul className="cards">
            {branches.map((branch) => (
              <li key={branch.location}>
                <a className="title" href={`/portal/${branch.slug}/${branch.location}/sessions`}>
                  {branch.organization} · {branch.name}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <>
          <h1>Connect to the WiFi first</h1>
          <p>To get online, connect to the WiFi network and open any web page: the network&apos;s login page brings you to its sign-in.</p>
        </>
      )}
      <p className="muted">
        Staff of a WiFi provider sign in at <a href="/dashboard">the dashboard</a>.
      </p>
    </PlainPortalFrame>
  )
}
