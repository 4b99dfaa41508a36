import React from 'react'

import { hotspotSearch } from '../hotspot'
import { routerErrorMessage } from '../messages'
import type { PortalPage } from '../page'
import { portalPath } from '../place'

export type PortalSection = 'connect' | 'status' | 'plans' | 'account' | 'help'

/** The hidden fields every portal form carries: the CSRF token and the hotspot's variables. */
export function FormFields({ page }: { page: PortalPage }) {
  const query = page.hotspot.kind === 'ok' ? page.hotspot.query : {}
  return (
    <>
      <input type="hidden" name="csrf" value={page.csrf} />
      {Object.entries(query).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  )
}

/** A link to another page of the branch's portal, keeping the hotspot's variables. */
export function portalHref(page: PortalPage, to: string, extra?: Record<string, string>): string {
  const query = page.hotspot.kind === 'ok' ? page.hotspot.query : null
  const search = new URLSearchParams(hotspotSearch(query).slice(1))
  for (const [name, value] of Object.entries(extra ?? {})) search.set(name, value)
  const text = search.toString()
  return `${portalPath(page.place, to)}${text ? `?${text}` : ''}`
}

export const actionPath = (page: PortalPage, action: string) => portalPath(page.place, `do/${action}`)

/**
 * Every page of a branch's portal: the organization's name and colour, the way between the
 * pages, the problem a form reported, and what the router said (`$(error)`). No script: it
 * must work in a phone's captive-portal window.
 */
export function PortalFrame({
  page,
  section,
  title,
  children,
}: {
  page: PortalPage
  section: PortalSection
  title: string
  children: React.ReactNode
}) {
  const { place, customer } = page
  const links: { section: PortalSection; to: string; label: string }[] = [
    { section: 'connect', to: '', label: 'Get online' },
    { section: 'status', to: 'status', label: 'Status' },
    { section: 'plans', to: 'plans', label: 'Plans' },
    customer ? { section: 'account', to: 'sessions', label: 'My sessions' } : { section: 'account', to: 'signin', label: 'Sign in' },
    { section: 'help', to: 'tickets', label: 'Help' },
  ]
  const routerError = routerErrorMessage(page.hotspot.routerError)
  return (
    <div className="portal" style={{ '--brand': place.organization.color } as React.CSSProperties}>
      <header className="brand">
        <div className="name">{place.organization.name}</div>
        <div className="branch">{place.location.name}</div>
      </header>
      <nav aria-label="Portal">
        {links.map((link) => (
          <a key={link.section} href={portalHref(page, link.to)} aria-current={link.section === section ? 'page' : undefined}>
            {link.label}
          </a>
        ))}
      </nav>
      <main>
        <h1>{title}</h1>
        {page.problem && (
          <p className="problem" role="alert">
            {page.problem}
          </p>
        )}
        {routerError && !page.problem && (
          <p className="problem" role="alert">
            {routerError}
          </p>
        )}
        {place.organization.locked && <p className="problem">This WiFi service is suspended. Please contact the provider.</p>}
        {children}
      </main>
      <footer>
        {customer && (
          <form method="post" action={actionPath(page, 'signout')}>
            <FormFields page={page} />
            <span>Signed in as {customer.user.name}. </span>
            <button type="submit" className="link">
              Sign out
            </button>
          </form>
        )}
        {(place.organization.contactPhone || place.organization.contactEmail) && (
          <p>Help: {[place.organization.contactPhone, place.organization.contactEmail].filter(Boolean).join(' · ')}</p>
        )}
      </footer>
    </div>
  )
}

/** A portal page that belongs to no branch (`/portal`, an address that names none). */
export function PlainPortalFrame({ children }: { children: React.ReactNode }) {
  return (
    <div className="portal">
      <header className="brand">
        <div className="name">WiFi login</div>
      </header>
      <main>{children}</main>
    </div>
  )
}
