import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { LOCKED_ORGANIZATION_STATUSES } from '@/access'
import { drizzleFor, rowsOf } from '@/db/sql'
import { type DateStyle, dateStyleOf } from '@/lib/dates'
import { isUuid } from '@/lib/ids'

/** The organization and branch a portal page is for, as much as a customer may see of them. */
export type PortalPlace = {
  organization: {
    id: string
    slug: string
    name: string
    color: string
    timeZone: string
    currency: string
    contactEmail: string | null
    contactPhone: string | null
    /** Suspended or expired: the portal says so and signs nobody in to the WiFi. */
    locked: boolean
  }
  location: { id: string; name: string; address: string | null; timeZone: string }
  /** How the portal writes dates and times: the branch's zone, the organization's date format. */
  dates: DateStyle
  /**
   * A router of the branch, for decisions that need one before the device's own router has
   * asked (the session moves to the router that sends the Access-Request); null when the branch
   * has none yet.
   */
  router: string | null
  /** The branch's hotspot addresses (routers' `hotspotAddress`, DNS names or IPs): when any is set, the only login pages the portal hands sign-ins to. */
  hotspotAddresses: string[]
}

type Row = {
  organization_id: string
  slug: string
  name: string
  display_name: string | null
  color: string | null
  organization_status: string
  organization_time_zone: string | null
  locale: string | null
  date_format: string | null
  currency: string | null
  contact_email: string | null
  contact_phone: string | null
  location_id: string
  location_name: string
  address: string | null
  location_time_zone: string | null
  router_id: string | null
  hotspot_addresses: string[] | null
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/

/**
 * The portal's place from its address (`/portal/<organization slug>/<branch id>`), in one query;
 * null for an organization or branch that does not exist, a branch of another organization or
 * one switched off, so every such address gets the same "not found" page.
 */
export async function findPortalPlace(payload: Payload, organizationSlug: string, locationId: string): Promise<PortalPlace | null> {
  if (!SLUG.test(organizationSlug) || !isUuid(locationId)) return null
  const db = await drizzleFor(payload)
  const [row] = rowsOf<Row>(
    await db.execute(sql`
      select o.id as organization_id, o.slug, o.name, o.branding_display_name as display_name, o.branding_color as color,
        o.status as organization_status, o.time_zone as organization_time_zone, o.locale, o.date_format, o.currency,
        o.contact_email, o.contact_phone,
        l.id as location_id, l.name as location_name, l.address, l.time_zone as location_time_zone,
        (select r.id from routers r where r.location_id = l.id
          order by (r.status = 'ONLINE') desc, r.last_seen_at desc nulls last, r.created_at limit 1) as router_id,
        array(select distinct r.hotspot_address from routers r where r.location_id = l.id and r.hotspot_address is not null) as hotspot_addresses
      from organizations o join locations l on l.organization_id = o.id
      where o.slug = ${organizationSlug} and l.id = ${locationId} and coalesce(l.active, true)`),
  )
  if (!row) return null
  const timeZone = row.organization_time_zone || 'UTC'
  return {
    organization: {
      id: row.organization_id,
      slug: row.slug,
      name: row.display_name || row.name,
      color: row.color && /^#[0-9a-fA-F]{6}$/.test(row.color) ? row.color : '#0f766e',
      timeZone,
      currency: row.currency || '',
      contactEmail: row.contact_email,
      contactPhone: row.contact_phone,
      locked: (LOCKED_ORGANIZATION_STATUSES as readonly string[]).includes(row.organization_status),
    },
    location: { id: row.location_id, name: row.location_name, address: row.address, timeZone: row.location_time_zone || timeZone },
    dates: dateStyleOf({ timeZone, locale: row.locale, dateFormat: row.date_format }, row.location_time_zone),
    router: row.router_id,
    hotspotAddresses: row.hotspot_addresses ?? [],
  }
}

/** The portal's address for a branch, relative to the site. */
export const portalPath = (place: Pick<PortalPlace, 'organization' | 'location'>, page = '') =>
  `/portal/${place.organization.slug}/${place.location.id}${page ? `/${page}` : ''}`
