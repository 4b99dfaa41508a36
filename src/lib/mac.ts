/**
 * MAC addresses arrive as `AA:BB:CC:DD:EE:FF`, `aa-bb-cc-dd-ee-ff`, `aabb.ccdd.eeff` or bare hex
 * (RouterOS, RADIUS Calling-Station-Id, people typing). Beacon stores one form: upper-case,
 * colon-separated.
 */
export function canonicalMac(input: string): string | null {
  const hex = input.trim().replace(/[\s:.-]/g, '')
  if (!/^[0-9a-fA-F]{12}$/.test(hex)) return null
  return hex.toUpperCase().match(/.{2}/g)!.join(':')
}
