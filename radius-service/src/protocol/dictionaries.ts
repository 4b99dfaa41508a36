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
  attr_id_to_name(attribute: number | string, vendorId?: number): string | undefined
  /** The package's own lookup behind the two above; field 2 is the type, 5 the modifiers. */
  _attr_to(attribute: number | string, vendorId: number | undefined, field: 2 | 5): unknown
}

export const radiusDictionaryLookups = radius as unknown as RadiusDictionaryLookups

/** What the dictionaries say of an attribute, by number or name (and vendor); null for one they do not have. */
export type AttributeDefinition = {
  name: string
  /** The dictionary type in lower case: 'string', 'text', 'integer', 'ipaddr', 'octets', … */
  type: string
  /** RFC 2868 tagged (has_tag): a first octet up to 0x1F is the tag. */
  tagged: boolean
  /** Hidden with the shared secret (encrypt=N), such as User-Password. */
  encrypted: boolean
}

export function attributeDefinition(attribute: number | string, vendorId?: number): AttributeDefinition | null {
  const name = radiusDictionaryLookups.attr_id_to_name(attribute, vendorId)
  if (name === undefined) return null
  const modifiers = (radiusDictionaryLookups._attr_to(attribute, vendorId, 5) ?? {}) as Record<string, boolean>
  return {
    name,
    type: String(radiusDictionaryLookups._attr_to(attribute, vendorId, 2)),
    tagged: Boolean(modifiers.has_tag),
    encrypted: Object.keys(modifiers).some((modifier) => modifier.startsWith('encrypt=')),
  }
}

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
