declare global {
  /**
   * Declarations apps merge into. A global namespace, not a module, so the augmentation works
   * from any package layout (npm's flat `node_modules`, pnpm's strict one where only the adapter
   * is a direct dependency and `declare module '@fly-session/core'` fails with TS2664).
   */
  namespace FlySession {
    /**
     * The attributes your application keeps in a session. Empty here: declare yours once and
     * every `get`/`set` is typed.
     *
     * @example
     * declare global {
     *   namespace FlySession {
     *     interface SessionData { userId: string; cart: Map<string, number> }
     *   }
     * }
     */
    interface SessionData {}
  }
}

/**
 * The attributes your application keeps in a session: what it declared in the global
 * `FlySession.SessionData` interface.
 */
export interface SessionData extends FlySession.SessionData {}

/**
 * The session of one request, as a handler sees it. Reads are synchronous: the adapter has
 * loaded the session before the handler runs, and commits it before the response completes.
 *
 * `set` stores a snapshot: a later mutation of the object you passed is not seen. Call `set`
 * again after changing an object (as with Spring Session's `setAttribute`), or turn on
 * `trackMutations(session)` for code that mutates values in place.
 */
export interface HttpSession<T extends object = SessionData> {
  /** The raw session ID: what the cookie carries, unsigned. Never log it; never show it. */
  readonly id: string
  /** True when the session was created during this request (nothing stored yet). */
  readonly isNew: boolean
  /** When the session was first stored. Epoch milliseconds. */
  readonly createdAt: number
  /** The last time the session's expiry was refreshed (throttled by `touchInterval`). Epoch milliseconds. */
  readonly lastAccessedAt: number
  /** min(idle deadline, absolute deadline). Epoch milliseconds. */
  readonly expiresAt: number
  /** True once an attribute or the principal changed during this request. */
  readonly modified: boolean
  /** True once `invalidate()` was called. */
  readonly invalidated: boolean
  /**
   * Who the session belongs to (e.g. the user ID). Setting it indexes the session, so
   * `listSessions` and `invalidateAll` can find it; `undefined` removes it from the index.
   */
  principal: string | undefined
  /**
   * This session's idle timeout in seconds: the manager's `idleTimeout` unless set here (e.g.
   * a longer one for "remember me"). Persisted with the session; the cookie's Max-Age and the
   * store TTL follow from this request on. At most `absoluteTimeout`; `undefined` restores the
   * manager's. Setting it throws `SessionConfigError` for a value the option would refuse.
   */
  get idleTimeout(): number
  set idleTimeout(seconds: number | undefined)
  /**
   * This session's absolute timeout in seconds (from `createdAt`): the manager's
   * `absoluteTimeout` unless set here. Persisted with the session; `undefined` restores the
   * manager's. At least `idleTimeout`.
   */
  get absoluteTimeout(): number
  set absoluteTimeout(seconds: number | undefined)
  /** The attribute's value, or `undefined` when it is not set. Decoded on first access. */
  get<K extends keyof T>(name: K): T[K] | undefined
  /**
   * Sets an attribute (encoded now, so an unserializable value or a session over `maxSize`
   * throws here, at the call that caused it, and changes nothing).
   */
  set<K extends keyof T>(name: K, value: T[K]): void
  /** Removes an attribute. Removing an absent attribute changes nothing. */
  remove(name: keyof T): void
  /** True when the attribute is set. */
  has(name: keyof T): boolean
  /** The names of the attributes that are set. */
  keys(): string[]
  /**
   * Destroys the session when the request commits; the response expires the cookie. Takes no
   * callback (one passed throws `SessionStateError`): the destroy happens with the commit.
   */
  invalidate(): void
  /**
   * Gives the session a new ID (call it on login and on any privilege change). The data and
   * `createdAt` are kept; the old ID stops working when the request commits. Takes no callback
   * (one passed throws `SessionStateError`). If the session is killed (logout elsewhere,
   * `invalidateAll`, `invalidateSession`) while the commit moves it, the new ID dies too.
   */
  regenerate(): void
}
