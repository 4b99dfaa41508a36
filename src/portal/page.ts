import config from '@payload-config'
import { cookies, headers as requestHeaders } from 'next/headers'
import { notFound } from 'next/navigation'
import { getPayload, type Payload } from 'payload'

import { firstParam } from '@/lib/searchParams'
import { DEVICE_COOKIE, type DeviceTicket, readDeviceTicket } from '@/plugins/network/captivePortal/deviceTicket'

import { type PortalCustomer, portalCustomer } from './customers'
import { type HotspotReading, readHotspot } from './hotspot'
import { problemMessage } from './messages'
import { findPortalPlace, type PortalPlace } from './place'
import { CSRF_COOKIE, CSRF_REQUEST_HEADER, csrfTokenFor, TYPED_CODE_COOKIE } from './tokens'

export type PortalParams = Promise<{ org: string; location: string }>
export type PortalSearch = Promise<Record<string, string | string[] | undefined>>

/** What every portal page of a branch starts from. */
export type PortalPage = {
  payload: Payload
  place: PortalPlace
  hotspot: HotspotReading
  /** The problem a form's redirect reported, in the customer's words. */
  problem: string | null
  customer: PortalCustomer | null
  /** This browser's device, if it signed one in here (its WiFi session). */
  device: DeviceTicket | null
  /** The token this browser's forms carry. */
  csrf: string
  /** The voucher code this browser last typed and had refused, to put back in its box. */
  typedCode: string
  search: Record<string, string | string[] | undefined>
}

/** The branch from the address (the "not found" page if there is none), the hotspot's variables, the customer and the device. */
export async function loadPortalPage(params: PortalParams, searchParams: PortalSearch): Promise<PortalPage> {
  const [{ org, location }, search] = await Promise.all([params, searchParams])
  const payload = await getPayload({ config })
  const place = await findPortalPlace(payload, org, location)
  if (!place) notFound()
  const headers = await requestHeaders()
  const jar = await cookies()
  const device = readDeviceTicket(jar.get(DEVICE_COOKIE)?.value)
  const csrfCookie = jar.get(CSRF_COOKIE)?.value ?? headers.get(CSRF_REQUEST_HEADER) ?? ''
  return {
    payload,
    place,
    hotspot: readHotspot(search, place.hotspotAddresses),
    problem: problemMessage(firstParam(search.problem), firstParam(search.wait)),
    customer: await portalCustomer(payload, headers, place.organization.id, { switchHere: false }),
    device: device?.organization === place.organization.id ? device : null,
    csrf: csrfCookie ? csrfTokenFor(csrfCookie) : '',
    typedCode: (jar.get(TYPED_CODE_COOKIE)?.value ?? '').slice(0, 100),
    search,
  }
}

export const searchValue = (page: PortalPage, name: string) => firstParam(page.search[name])
