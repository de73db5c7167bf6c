import * as crypto from 'node:crypto'

import { isWellFormedSessionId } from './session-id'

/** A verified cookie value. `rotated` when it was signed by a secret other than the first. */
export interface VerifiedCookie {
  id: string
  rotated: boolean
}

/** base64url of an HMAC-SHA-256 digest, unpadded. */
const SIGNATURE_LENGTH = 43
/** SHA-256's block size: HMAC pads its key to this many bytes. */
const BLOCK_BYTES = 64
/** Messages up to this many UTF-16 units take the fast path (an ID is 43); their UTF-8 fits the scratch space. */
const FAST_MESSAGE_UNITS = 64

/** One-shot `crypto.hash` (Node 20.12+); `undefined` on older 20.x, which use `createHmac`. */
const oneShotHash = typeof crypto.hash === 'function' ? crypto.hash : undefined

/**
 * HMAC-SHA-256 under one secret, as base64url. With one-shot `crypto.hash` it is computed as
 * RFC 2104 defines it, H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m)), over key pads prepared once: two
 * one-shot hashes cost well under half of a `createHmac` object (which builds a hash context,
 * wraps the key and finalises per call), and this runs on every request. The result is the
 * same bytes as `createHmac` (tested against it); older Node versions use `createHmac` itself.
 */
class HmacKey {
  readonly #secret: string
  /** K ⊕ ipad, then scratch space for the message. */
  readonly #inner: Buffer
  /** K ⊕ opad, then the inner digest. */
  readonly #outer: Buffer

  constructor(secret: string) {
    this.#secret = secret
    let key = Buffer.from(secret)
    if (key.length > BLOCK_BYTES) key = crypto.createHash('sha256').update(key).digest()
    this.#inner = Buffer.alloc(BLOCK_BYTES + FAST_MESSAGE_UNITS * 3, 0x36)
    this.#outer = Buffer.alloc(BLOCK_BYTES + 32, 0x5c)
    for (let index = 0; index < key.length; index++) {
      this.#inner[index]! ^= key[index]!
      this.#outer[index]! ^= key[index]!
    }
  }

  digest(message: string): string {
    if (oneShotHash === undefined || message.length > FAST_MESSAGE_UNITS) {
      return crypto.createHmac('sha256', this.#secret).update(message).digest('base64url')
    }
    // The scratch buffers are reused: safe because hashing is synchronous and nothing else writes them.
    const length = BLOCK_BYTES + this.#inner.write(message, BLOCK_BYTES, 'utf8')
    const innerDigest = oneShotHash('sha256', this.#inner.subarray(0, length), 'hex')
    this.#outer.write(innerDigest, BLOCK_BYTES, 'hex')
    return oneShotHash('sha256', this.#outer, 'base64url')
  }
}

/**
 * Compares two strings in time that depends on their length only. The signature's length is
 * public (always 43), so only the content needs hiding.
 */
function equalInConstantTime(given: string, expected: string): boolean {
  let difference = given.length ^ expected.length
  for (let index = 0; index < expected.length; index++) {
    difference |= given.charCodeAt(index) ^ expected.charCodeAt(index)
  }
  return difference === 0
}

/** Signs session IDs with the first secret and verifies them against every secret, in order. */
export class CookieSigner {
  readonly #keys: readonly HmacKey[]

  constructor(secrets: readonly string[]) {
    this.#keys = secrets.map((secret) => new HmacKey(secret))
  }

  /** `<id>.<base64url HMAC-SHA-256(id)>`, signed with the first secret. */
  sign(id: string): string {
    return `${id}.${this.#keys[0]!.digest(id)}`
  }

  /**
   * Checks a cookie value against every secret in order (timing-safe). Anything malformed or
   * forged yields `undefined`, never an exception: to the caller it is a missing cookie. The
   * signature is compared as text with the canonical encoding, so a non-canonical base64url
   * spelling of the right bytes is refused too.
   */
  verify(value: string): VerifiedCookie | undefined {
    const id = idOf(value)
    if (id === undefined) return undefined
    const given = value.slice(id.length + 1)
    for (let index = 0; index < this.#keys.length; index++) {
      if (equalInConstantTime(given, this.#keys[index]!.digest(id))) return { id, rotated: index > 0 }
    }
    return undefined
  }

  /** Why `verify` refused `value`: `'malformed'` when it is not shaped like a cookie value this library issues, else `'forged'`. */
  refusal(value: string): 'malformed' | 'forged' {
    return idOf(value) === undefined ? 'malformed' : 'forged'
  }
}

/** The ID in a value shaped `<ID>.<43-character signature>`, whether or not the signature is right. */
function idOf(value: string): string | undefined {
  const dot = value.length - SIGNATURE_LENGTH - 1
  if (dot <= 0 || value.charCodeAt(dot) !== 46 /* '.' */) return undefined
  const id = value.slice(0, dot)
  return isWellFormedSessionId(id) ? id : undefined
}
