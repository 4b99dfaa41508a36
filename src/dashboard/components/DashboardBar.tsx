'use client'

import Link from 'next/link'
import { usePathname, useRouter, useSearchParams } from 'next/navigation'
import React, { useState } from 'react'

import { OrganizationPicker } from './OrganizationPicker'

export type NavItem = { href: string; label: string }
type BranchOption = { id: string; name: string }

/**
 * The dashboard's header: the organization (a picker for people in several), the pages, the branch shown (one, or all of
 * the person's) kept in `?branch=` so a link can be shared, and signing out.
 */
export function DashboardBar({
  organization,
  organizations,
  pages,
  branches,
  person,
}: {
  organization: { id: string; name: string }
  organizations: BranchOption[]
  pages: NavItem[]
  branches: BranchOption[]
  person: string
}) {
  const pathname = usePathname()
  const router = useRouter()
  const params = useSearchParams()
  const branch = params.get('branch') ?? ''
  const [signingOut, setSigningOut] = useState(false)
  const withBranch = (href: string) => (branch ? `${href}?branch=${encodeURIComponent(branch)}` : href)

  const chooseBranch = (event: React.ChangeEvent<HTMLSelectElement>) => {
    const next = new URLSearchParams(params.toString())
    if (event.target.value) next.set('branch', event.target.value)
    else next.delete('branch')
    next.delete('page')
    router.push(`${pathname}${next.size ? `?${next}` : ''}`)
  }

  const signOut = async () => {
    setSigningOut(true)
    await fetch('/api/users/logout', { method: 'POST', credentials: 'include' }).catch(() => null)
    window.location.assign('/dashboard/login')
  }

  return (
    <header className="bar">
      <span className="org">
        {organizations.length > 1 ? <OrganizationPicker active={organization.id} organizations={organizations} /> : organization.name}
      </span>
      <nav aria-label="Dashboard">
        {pages.map((page) => (
          <Link key={page.href} href={withBranch(page.href)} aria-current={pathname === page.href || (page.href !== '/dashboard' && pathname.startsWith(`${page.href}/`)) ? 'page' : undefined}>
            {page.label}
          </Link>
        ))}
      </nav>
      {branches.length > 1 && (
        <select aria-label="Branch" value={branch} onChange={chooseBranch}>
          <option value="">All my branches</option>
          {branches.map((option) => (
            <option key={option.id} value={option.id}>
              {option.name}
            </option>
          ))}
        </select>
      )}
      <span className="muted">{person}</span>
      <button type="button" onClick={() => void signOut()} disabled={signingOut}>
        {signingOut ? 'Signing out…' : 'Sign out'}
      </button>
    </header>
  )
}
