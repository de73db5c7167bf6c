/**
 * A session as a store keeps it. Attribute values arrive already encoded by core; every
 * string core hands a store (names, values, principals) is well-formed UTF-16, so a store that
 * encodes text as UTF-8 round-trips it exactly.
 */
export interface StoredSession {
  /** Epoch milliseconds. */
  createdAt: number
  /** Epoch milliseconds. */
  lastAccessedAt: number
  /**
   * The absolute deadline: `createdAt` + the session's absolute timeout, the latest the
   * session can live however active it is. Epoch milliseconds. Core computes it; a store keeps
   * it as given (never recomputes it) and may use it for its own clean-up, e.g. as the TTL of a
   * principal index.
   */
  expiresAt: number
  /** The session's own idle timeout in seconds, present only when it overrides the manager's. */
  idleTimeout?: number
  /** The session's own absolute timeout in seconds, present only when it overrides the manager's. */
  absoluteTimeout?: number
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
  /** The session's absolute deadline (see `StoredSession.expiresAt`), as core computes it now. Epoch milliseconds. */
  expiresAt: number
  /** Present only when the principal changed: the new one, or `null` when it was cleared. */
  principal?: string | null
  /** Present only when the session's own idle timeout changed: seconds, or `null` to fall back to the manager's. */
  idleTimeout?: number | null
  /** Present only when the session's own absolute timeout changed: seconds, or `null` to fall back to the manager's. */
  absoluteTimeout?: number | null
  /**
   * Bytes (UTF-8) the session's attributes (names + values) may total after the patch. A store
   * that can, refuses a patch that would grow the session past it by throwing
   * `SessionTooLargeError` and writing nothing: concurrent requests each adding a little must
   * not together exceed it. A patch that does not grow the session is always applied.
   */
  maxSize?: number
}

/**
 * What a store author implements. `key` is what core derives from the session ID (by default
 * its SHA-256), never the raw ID; `ttl` is in whole seconds. Optional methods are
 * feature-detected: without `patch` core writes the whole session (and loses the
 * no-resurrection guarantee), without `touch` it writes the whole session to refresh the
 * expiry, and without `listByPrincipal` the "all sessions of a user" calls throw `SessionError`
 * (`UNSUPPORTED`).
 */
export interface SessionStore {
  /** The record, or `null` when it does not exist or has expired. */
  get(key: string): Promise<StoredSession | null>
  /** Creates or replaces the record; it expires after `ttl` seconds. */
  set(key: string, session: StoredSession, ttl: number): Promise<void>
  /**
   * Deletes the record (and its principal index entry). Resolves to `true` when a record was
   * deleted and `false` when there was none: `regenerate()` relies on it to notice a session
   * killed while it was moving it to a new ID. A store that resolves to nothing is treated as
   * having deleted one (and loses that guarantee).
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: a store whose destroy resolves to nothing (written before it reported anything) still type-checks
  destroy(key: string): Promise<boolean | undefined | void>
  /**
   * Applies a delta atomically and refreshes the TTL. Returns `false`, writing nothing, when
   * the record no longer exists: a request that ends after a concurrent logout must not
   * bring the session back.
   */
  patch?(key: string, change: SessionPatch, ttl: number): Promise<boolean>
  /** Sets `lastAccessedAt` and refreshes the TTL. `false` when the record no longer exists. */
  touch?(key: string, lastAccessedAt: number, ttl: number): Promise<boolean>
  /**
   * The live sessions of one principal. May miss none: every session whose record names the
   * principal must be listed, whatever writes ran concurrently.
   */
  listByPrincipal?(principal: string): Promise<Array<{ key: string; session: StoredSession }>>
  /** Releases timers and other resources the store owns (never a client the user passed in). */
  dispose?(): Promise<void>
}
