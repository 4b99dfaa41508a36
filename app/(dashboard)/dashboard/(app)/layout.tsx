import React, { Suspense } from 'react'

import type { Permission } from '@/access'
import { DashboardBar } from '@/dashboard/components/DashboardBar'
import { may, requireStaff, switchableOrganizations } from '@/dashboard/staff'

export const dynamic = 'force-dynamic'

/** The pages, each shown to those whose role reaches what it shows (any one of `needs`). */
const PAGES: { href: string; label: string; needs?: Permission[] }[] = [
  { href: '/dashboard', label: 'Overview' },
  { href: '/dashboard/sessions', label: 'Live sessions', needs: ['sessions.read'] },
  { href: '/dashboard/history', label: 'History', needs: ['sessions.read'] },
  { href: '/dashboard/usage', label: 'Usage', needs: ['sessions.read'] },
  { href: '/dashboard/routers', label: 'Routers', needs: ['routers.read'] },
  { href: '/dashboard/vouchers', label: 'Vouchers', needs: ['vouchers.read'] },
  { href: '/dashboard/tickets', label: 'Tickets', needs: ['tickets.read'] },
  { href: '/dashboard/timesheet', label: 'Timesheet', needs: ['timeSessions.track', 'timeSessions.viewTeam'] },
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
          organization={{ id: String(organization.id), name: organization.branding?.displayName || organization.name }}
          organizations={await switchableOrganizations(staff)}
          pages={PAGES.filter((page) => !page.needs || page.needs.some((permission) => may(staff, permission))).map(({ href, label }) => ({ href, label }))}
          branches={staff.branches.map(({ id, name }) => ({ id, name }))}
          person={staff.user.name}
        />
      </Suspense>
      {children}
    </div>
  )
}
