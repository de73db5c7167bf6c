import * as crypto from 'node:crypto'

/** 32 bytes from the CSPRNG: 256 bits, so guessing a live ID is hopeless at any request rate. */
const ID_BYTES = 32
/** base64url of 32 bytes, unpadded. */
const ID_PATTERN = /^[A-Za-z0-9_-]{43}$/

/** A new session ID: 32 random bytes, base64url (43 characters). */
export function generateSessionId(): string {
  return crypto.randomBytes(ID_BYTES).toString('base64url')
}

/** True when `value` has the shape of an ID this library issues. */
export function isWellFormedSessionId(value: string): boolean {
  return ID_PATTERN.test(value)
}

/**
 * The key a store sees for an ID. With hashing on, a leaked store dump (or a `KEYS` listing)
 * yields nothing a client could present as a cookie.
 */
export function storeKeyFor(id: string, hashIds: boolean): string {
  return hashIds ? sha256(id) : id
}

/** One-shot `crypto.hash` (Node 20.12+) is about twice as fast as a Hash object; older 20.x fall back. */
const sha256: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'base64url')
    : (text) => crypto.createHash('sha256').update(text).digest('base64url')
