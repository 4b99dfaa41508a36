import React, { Suspense } from 'react'

import { DashboardBar } from '@/dashboard/components/DashboardBar'
import { requireStaff } from '@/dashboard/staff'

export const dynamic = 'force-dynamic'

const PAGES = [
  { href: '/dashboard', label: 'Overview' },
  { href: '/dashboard/sessions', label: 'Live sessions' },
  { href: '/dashboard/history', label: 'History' },
  { href: '/dashboard/vouchers', label: 'Vouchers' },
]

/** Every signed-in dashboard page: staff only, in the organization they work in, in its colour. */
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const staff = await requireStaff()
  const { organization } = staff
  const colour = organization.branding?.color || '#0f766e'
  return (
    <div style={{ '--brand': colour } as React.CSSProperties}>
      <Suspense>
        <DashboardBar
          organization={organization.branding?.displayName || organization.name}
          pages={PAGES}
          branches={staff.branches.map(({ id, name }) => ({ id, name }))}
          person={staff.user.name}
        />
      </Suspense>
      {children}
    </div>
  )
}
