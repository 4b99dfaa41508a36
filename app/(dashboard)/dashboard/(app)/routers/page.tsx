import type { Metadata } from 'next'
import React from 'react'

import { selectBranches } from '@/dashboard/branches'
import { loadRouters } from '@/dashboard/routers'
import { Refused } from '@/dashboard/components/Refused'
import { may, requireStaff } from '@/dashboard/staff'
import { formatDateTime } from '@/lib/dates'
import { ROUTER_STATUS_LABELS } from '@/plugins/network/routers'

export const metadata: Metadata = { title: 'Routers' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/** `/dashboard/routers`: the branch's routers, whether they answer, and their hotspot login page. */
export default async function RoutersPage({ searchParams }: Props) {
  const staff = await requireStaff()
  const params = await searchParams
  const selection = selectBranches(staff, params.branch)
  if (!may(staff, 'routers.read')) return <Refused title="Routers" reason="role" back="/dashboard/routers" />
  if (selection.unknown) return <Refused title="Routers" reason="branch" back="/dashboard/routers" />
  const routers = await loadRouters(staff, selection)
  const when = (value: string | null) => (value ? formatDateTime(value, selection.dates) : 'never')

  return (
    <main>
      <h1>
        Routers <span className="muted">· {selection.label}</span>
      </h1>
      {routers.length === 0 ? (
        <div className="empty">
          <p>No router at {selection.label} yet. An org-admin adds routers in the admin panel, with the address they send RADIUS from.</p>
        </div>
      ) : (
        <div className="scroll">
          <table className="list" aria-label="Routers">
            <thead>
              <tr>
                <th>Router</th>
                <th>Status</th>
                <th>Last seen</th>
                <th>RouterOS</th>
                <th>Devices online</th>
                <th>Hotspot page</th>
              </tr>
            </thead>
            <tbody>
              {routers.map((router) => (
                <tr key={router.id} data-router={router.id}>
                  <td>
                    {router.name}
                    <div className="muted">
                      {router.ipAddress}
                      {selection.branches.length > 1 ? ` · ${router.branch}` : ''}
                    </div>
                  </td>
                  <td className={router.status === 'ONLINE' ? 'outcome-acknowledged' : 'outcome-failed'}>{ROUTER_STATUS_LABELS[router.status as keyof typeof ROUTER_STATUS_LABELS] ?? router.status}</td>
                  <td>{when(router.lastSeenAt)}</td>
                  <td>{router.version ?? <span className="muted">unknown</span>}</td>
                  <td>{router.devicesOnline}</td>
                  <td>
                    <a href={`/api/routers/${router.id}/hotspot-login`} download="login.html">
                      login.html
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted">
        Upload a router&apos;s login.html to its hotspot folder: devices that must log in are sent to Beacon&apos;s portal for
        that branch. Add Beacon&apos;s address to the hotspot&apos;s walled garden.
      </p>
    </main>
  )
}
