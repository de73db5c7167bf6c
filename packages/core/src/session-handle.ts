import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

import { SessionError } from './errors'

/**
 * Opaque handles for `listSessions`: AES-256-GCM over the store key, with a key derived from
 * the secret. A page may show them (e.g. "revoke this device") without exposing the store key,
 * which is the raw session ID when `hashIds` is off; a client cannot forge one for a session
 * it was not shown.
 */
const IV_BYTES = 12
const TAG_BYTES = 16
const INFO = 'fly-session session handle v1'

function handleKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, '', INFO, 32))
}

export class SessionHandleCodec {
  readonly #keys: Buffer[]

  constructor(secrets: readonly string[]) {
    this.#keys = secrets.map(handleKey)
  }

  seal(storeKey: string): string {
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv('aes-256-gcm', this.#keys[0]!, iv)
    const body = Buffer.concat([cipher.update(storeKey, 'utf8'), cipher.final()])
    return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')
  }

  /** The store key inside `handle`; throws `SessionError` (`INVALID_HANDLE`, 400) for anything else. */
  open(handle: string): string {
    const bytes = typeof handle === 'string' ? Buffer.from(handle, 'base64url') : Buffer.alloc(0)
    if (bytes.length > IV_BYTES + TAG_BYTES) {
      const iv = bytes.subarray(0, IV_BYTES)
      const body = bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)
      const tag = bytes.subarray(bytes.length - TAG_BYTES)
      for (const key of this.#keys) {
        try {
          const decipher = createDecipheriv('aes-256-gcm', key, iv)
          decipher.setAuthTag(tag)
          return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')
        } catch {
          // wrong key (rotated secret) or tampered: try the next secret
        }
      }
    }
    throw new SessionError('INVALID_HANDLE', 'not a session handle issued by this manager', { status: 400 })
  }
}
