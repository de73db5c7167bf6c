import { type SessionPatch, type SessionStore, SessionTooLargeError, type StoredSession } from '../../src'

/** One store call, as the log records it. */
export interface StoreCall {
  method: 'get' | 'set' | 'destroy' | 'patch' | 'touch' | 'listByPrincipal'
  key: string
  ttl?: number
}

/**
 * A small but complete in-memory store (real TTLs, real copies) that logs every call, so the
 * lifecycle tests can assert which store operations a request caused. Capabilities can be
 * switched off to exercise core's fallbacks.
 */
export class LoggedStore implements SessionStore {
  readonly calls: StoreCall[] = []
  readonly records = new Map<string, { session: StoredSession; expiresAt: number }>()
  /** When set, every call rejects with it (a store that is down). */
  failure: Error | undefined
  readonly #keepExpired: boolean

  /**
   * `keepExpired`: the store never expires anything itself, like a store whose clean-up lags,
   * so a test can see core enforce the deadlines on its own.
   */
  constructor(
    capabilities: { patch?: boolean; touch?: boolean; list?: boolean; keepExpired?: boolean } = {},
  ) {
    this.#keepExpired = capabilities.keepExpired ?? false
    if (capabilities.patch === false) this.patch = undefined
    if (capabilities.touch === false) this.touch = undefined
    if (capabilities.list === false) this.listByPrincipal = undefined
  }

  /** The calls since the last `reset()`, as `method:key` strings without keys (for readable assertions). */
  methods(): string[] {
    return this.calls.map((call) => call.method)
  }

  reset(): void {
    this.calls.length = 0
  }

  async get(key: string): Promise<StoredSession | null> {
    this.#log({ method: 'get', key })
    const entry = this.#live(key)
    return entry ? structuredClone(entry.session) : null
  }

  async set(key: string, session: StoredSession, ttl: number): Promise<void> {
    this.#log({ method: 'set', key, ttl })
    this.records.set(key, { session: structuredClone(session), expiresAt: Date.now() + ttl * 1000 })
  }

  async destroy(key: string): Promise<boolean> {
    this.#log({ method: 'destroy', key })
    const existed = this.#live(key) !== undefined
    this.records.delete(key)
    return existed
  }

  patch? = async (key: string, change: SessionPatch, ttl: number): Promise<boolean> => {
    this.#log({ method: 'patch', key, ttl })
    const entry = this.#live(key)
    if (!entry) return false
    const session = structuredClone(entry.session)
    for (const name of change.remove) delete session.attributes[name]
    for (const [name, value] of Object.entries(change.set))
      Object.defineProperty(session.attributes, name, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      })
    const size = (attributes: Record<string, string>) =>
      Object.entries(attributes).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0)
    const after = size(session.attributes)
    if (change.maxSize !== undefined && after > change.maxSize && after > size(entry.session.attributes))
      throw new SessionTooLargeError(after, change.maxSize)
    session.lastAccessedAt = change.lastAccessedAt
    session.expiresAt = change.expiresAt
    if (change.principal === null) delete session.principal
    else if (change.principal !== undefined) session.principal = change.principal
    for (const field of ['idleTimeout', 'absoluteTimeout'] as const) {
      if (change[field] === null) delete session[field]
      else if (change[field] !== undefined) session[field] = change[field]
    }
    entry.session = session
    entry.expiresAt = Date.now() + ttl * 1000
    return true
  }

  touch? = async (key: string, lastAccessedAt: number, ttl: number): Promise<boolean> => {
    this.#log({ method: 'touch', key, ttl })
    const entry = this.#live(key)
    if (!entry) return false
    entry.session.lastAccessedAt = lastAccessedAt
    entry.expiresAt = Date.now() + ttl * 1000
    return true
  }

  listByPrincipal? = async (principal: string): Promise<Array<{ key: string; session: StoredSession }>> => {
    this.#log({ method: 'listByPrincipal', key: principal })
    return [...this.records.keys()]
      .map((key) => ({ key, entry: this.#live(key) }))
      .filter(({ entry }) => entry?.session.principal === principal)
      .map(({ key, entry }) => ({ key, session: structuredClone(entry!.session) }))
  }

  #live(key: string) {
    const entry = this.records.get(key)
    if (entry && !this.#keepExpired && entry.expiresAt <= Date.now()) {
      this.records.delete(key)
      return undefined
    }
    return entry
  }

  #log(call: StoreCall): void {
    this.calls.push(call)
    if (this.failure) throw this.failure
  }
}
