/** Data amounts are counted the way ISPs sell them: 1 MB = 1,000,000 bytes. */
export const BYTES_PER_MB = 1_000_000

/** Megabytes, to three decimals, from a session's upload and download byte counts. */
export function megabytesFromOctets(inputOctets: number, outputOctets: number): number {
  return Math.round(((inputOctets || 0) + (outputOctets || 0)) / 1_000) / 1_000
}
