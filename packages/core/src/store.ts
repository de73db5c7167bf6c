/** A session as a store keeps it. Attribute values arrive already encoded by core. */
export interface StoredSession {
  /** Epoch milliseconds. */
  createdAt: number
  /** Epoch milliseconds. */
  lastAccessedAt: number
  /** When the record expires unless refreshed (the deadline the TTL points at). Epoch milliseconds. */
  expiresAt: number
  /** The session's principal, if any; stores that implement `listByPrincipal` index it. */
  principal?: string
  /** Attribute name → encoded value. Opaque to the store. */
  attributes: Record<string, string>
}

/** A delta commit: only what changed during one request. */
export interface SessionPatch {
  /** Attributes written during the request (name → encoded value). */
  set: Record<string, string>
  /** Attributes removed during the request. */
  remove: string[]
  /** The new `lastAccessedAt`. Epoch milliseconds. */
  lastAccessedAt: number
  /** Present only when the principal changed: the new one, or `null` when it was cleared. */
  principal?: string | null
}

/**
 * What a store author implements. `key` is what core derives from the session ID (by default
 * its SHA-256), never the raw ID; `ttl` is in seconds. Optional methods are feature-detected:
 * without `patch` core writes the whole session (and loses the no-resurrection guarantee),
 * without `touch` it writes the whole session to refresh the expiry, and without
 * `listByPrincipal` the "all sessions of a user" calls throw `SessionError` (`UNSUPPORTED`).
 */
export interface SessionStore {
  /** The record, or `null` when it does not exist or has expired. */
  get(key: string): Promise<StoredSession | null>
  /** Creates or replaces the record; it expires after `ttl` seconds. */
  set(key: string, session: StoredSession, ttl: number): Promise<void>
  /** Deletes the record (and its principal index entry). Deleting a missing record is not an error. */
  destroy(key: string): Promise<void>
  /**
   * Applies a delta atomically and refreshes the TTL. Returns `false`, writing nothing, when
   * the record no longer exists: a request that ends after a concurrent logout must not
   * bring the session back.
   */
  patch?(key: string, change: SessionPatch, ttl: number): Promise<boolean>
  /** Sets `lastAccessedAt` and refreshes the TTL. `false` when the record no longer exists. */
  touch?(key: string, lastAccessedAt: number, ttl: number): Promise<boolean>
  /** The live sessions of one principal. */
  listByPrincipal?(principal: string): Promise<Array<{ key: string; session: StoredSession }>>
  /** Releases timers and other resources the store owns (never a client the user passed in). */
  dispose?(): Promise<void>
}
