/**
 * Data amounts are counted the way MikroTik and hotspot billing show them: 1 MB = 1024 × 1024
 * bytes, so a 5 GiB session reads 5120 MB and a 1000 MB cap is 1000 × 2^20 bytes.
 */
export const BYTES_PER_MB = 1_048_576

/** Megabytes, to three decimals, from a session's upload and download byte counts. */
export function megabytesFromOctets(inputOctets: number, outputOctets: number): number {
  return Math.round((((inputOctets || 0) + (outputOctets || 0)) * 1_000) / BYTES_PER_MB) / 1_000
}
