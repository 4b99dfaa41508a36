/**
 * Attribute dictionaries for the `radius` package: its own RFC 2865..5904 set (which it always
 * loads, from node_modules/radius/dictionaries) plus the vendor dictionaries shipped with this service.
 */
import { accessSync, constants } from 'node:fs'
import { fileURLToPath } from 'node:url'

import radius from 'radius'

/**
 * Methods the `radius` module exports but @types/radius does not declare. Numeric ids come back as
 * strings because the package keeps the digits it read from the dictionary file.
 */
type RadiusDictionaryLookups = {
  load_dictionaries(): void
  attr_name_to_id(name: string, vendorId?: number): string | undefined
}

export const radiusDictionaryLookups = radius as unknown as RadiusDictionaryLookups

/**
 * Every vendor with a dictionary loaded: ADSL-Forum comes with the package (RFC 4679), the others
 * from radius-service/dictionaries. Vendor-Specific attributes of any other vendor stay raw.
 */
export const VENDOR_IDS = { 'ADSL-Forum': 3561, Mikrotik: 14988, WISPr: 14122 } as const

const SERVICE_DICTIONARIES = [
  new URL('../../dictionaries/dictionary.mikrotik', import.meta.url),
  new URL('../../dictionaries/dictionary.wispr', import.meta.url),
]

let loaded = false

/** Loads the package's RFC dictionaries and ours, once; later calls do nothing. */
export function loadDictionaries(): void {
  if (loaded) return
  const paths = SERVICE_DICTIONARIES.map((url) => fileURLToPath(url))
  // Checked first: a path the package cannot open would stay in its list and fail every later decode.
  for (const path of paths) accessSync(path, constants.R_OK)
  for (const path of paths) radius.add_dictionary(path)
  // add_dictionary only queues a path, and once anything has been decoded the package ignores new
  // paths until it unloads; unloading makes this work whatever ran before.
  radius.unload_dictionaries()
  // Read now rather than on the first packet, so a broken dictionary stops the service at start.
  radiusDictionaryLookups.load_dictionaries()
  loaded = true
}
