/**
 * The fixed part of every RADIUS packet (RFC 2865 §3): Code (1 octet), Identifier (1), Length (2)
 * and the 16-octet Authenticator, then the attributes.
 */
export const HEADER_LENGTH = 20
export const AUTHENTICATOR_OFFSET = 4
export const AUTHENTICATOR_LENGTH = 16
/** RFC 2865 §3: the Length field ranges from 20 to 4096. */
export const MAX_PACKET_LENGTH = 4096
