import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import React from 'react'

import { OrganizationPicker } from '@/dashboard/components/OrganizationPicker'
import { signedInPerson, switchableOrganizations } from '@/dashboard/staff'

export const metadata: Metadata = { title: 'Choose an organization' }
export const dynamic = 'force-dynamic'

/**
 * `/dashboard/choose`: for a super-admin working across all organizations, and for someone who is
 * a customer in the organization they are in but staff in another: the dashboard shows one
 * organization, so they pick it.
 */
export default async function ChooseOrganizationPage() {
  const person = await signedInPerson()
  const organizations = await switchableOrganizations(person)
  if (organizations.length === 0 && !person.context.isSuperAdmin) redirect('/dashboard')
  if (organizations.length === 0) {
    return (
      <main className="login">
        <h1>No organization yet</h1>
        <p>
          Beacon has no organization to show. Create one in the <a href="/admin/collections/organizations/create">admin panel</a>.
        </p>
      </main>
    )
  }
  return (
    <main className="login">
      <h1>Choose an organization</h1>
      <p className="muted">The dashboard shows one organization at a time. Which one do you work in now?</p>
      <OrganizationPicker active="" placeholder="Choose…" organizations={organizations} />
    </main>
  )
}
