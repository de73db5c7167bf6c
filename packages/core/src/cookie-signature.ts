import { createHmac, timingSafeEqual } from 'node:crypto'

import { isWellFormedSessionId } from './session-id'

/** A verified cookie value. `rotated` when it was signed by a secret other than the first. */
export interface VerifiedCookie {
  id: string
  rotated: boolean
}

/** base64url of an HMAC-SHA-256 digest, unpadded. */
const SIGNATURE_LENGTH = 43

function signature(id: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(id).digest()
}

/** `<id>.<base64url HMAC-SHA-256(id)>`, signed with the first secret. */
export function signSessionId(id: string, secrets: readonly string[]): string {
  return `${id}.${signature(id, secrets[0]!).toString('base64url')}`
}

/**
 * Checks a cookie value against every secret in order (timing-safe). Anything malformed or
 * forged yields `undefined`, never an exception: to the caller it is a missing cookie.
 */
export function verifySessionCookie(value: string, secrets: readonly string[]): VerifiedCookie | undefined {
  const dot = value.length - SIGNATURE_LENGTH - 1
  if (dot <= 0 || value.charCodeAt(dot) !== 46 /* '.' */) return undefined
  const id = value.slice(0, dot)
  if (!isWellFormedSessionId(id)) return undefined
  const given = Buffer.from(value.slice(dot + 1), 'base64url')
  // A non-canonical base64url string decodes to a different length or re-encodes differently.
  if (given.length !== 32 || given.toString('base64url') !== value.slice(dot + 1)) return undefined
  for (let index = 0; index < secrets.length; index++) {
    if (timingSafeEqual(given, signature(id, secrets[index]!))) return { id, rotated: index > 0 }
  }
  return undefined
}
