import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

import { SessionError } from './errors'

/**
 * Opaque handles for `listSessions`: AES-256-GCM over the store key, the principal it was
 * listed for and the session's `createdAt`, with a key derived from the secret. A page may show
 * them (e.g. "revoke this device") without exposing the store key, which is the raw session ID
 * when `hashIds` is off; a client cannot forge one for a session it was not shown.
 */
const IV_BYTES = 12
const TAG_BYTES = 16
const INFO = 'fly-session session handle v2'

/** What a handle names: the session's store key, its principal when listed, and its `createdAt` (epoch ms). */
export interface SealedSession {
  key: string
  principal: string
  createdAt: number
}

function handleKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, '', INFO, 32))
}

const invalid = () =>
  new SessionError('INVALID_HANDLE', 'not a session handle issued by this manager', { status: 400 })

export class SessionHandleCodec {
  readonly #keys: Buffer[]

  constructor(secrets: readonly string[]) {
    this.#keys = secrets.map(handleKey)
  }

  seal(session: SealedSession): string {
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv('aes-256-gcm', this.#keys[0]!, iv)
    const text = JSON.stringify([session.key, session.principal, session.createdAt])
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()])
    return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')
  }

  /** What `handle` names; throws `SessionError` (`INVALID_HANDLE`, 400) for anything else. */
  open(handle: string): SealedSession {
    const bytes = typeof handle === 'string' ? Buffer.from(handle, 'base64url') : Buffer.alloc(0)
    if (bytes.length <= IV_BYTES + TAG_BYTES) throw invalid()
    const iv = bytes.subarray(0, IV_BYTES)
    const body = bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)
    const tag = bytes.subarray(bytes.length - TAG_BYTES)
    for (const key of this.#keys) {
      let text: string
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv)
        decipher.setAuthTag(tag)
        text = Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')
      } catch {
        continue // wrong key (rotated secret) or tampered: try the next secret
      }
      // Authenticated, so written by seal(): the shape is ours.
      const [sealedKey, principal, createdAt] = JSON.parse(text) as [string, string, number]
      return { key: sealedKey, principal, createdAt }
    }
    throw invalid()
  }
}
