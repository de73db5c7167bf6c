import { type SessionPatch, type SessionStore, SessionTooLargeError, type StoredSession } from '../../src'
import { RecordingStore } from '../../src/testing/recording-store'

/**
 * A small but complete in-memory store (real TTLs, real copies). Core cannot depend on
 * store-memory, so its tests keep this one. Capabilities can be switched off to exercise
 * core's fallbacks.
 */
class TestMemoryStore implements SessionStore {
  readonly records = new Map<string, { session: StoredSession; expiresAt: number }>()
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

  async get(key: string): Promise<StoredSession | null> {
    const entry = this.#live(key)
    return entry ? structuredClone(entry.session) : null
  }

  async set(key: string, session: StoredSession, ttl: number): Promise<void> {
    this.records.set(key, { session: structuredClone(session), expiresAt: Date.now() + ttl * 1000 })
  }

  async destroy(key: string): Promise<boolean> {
    const existed = this.#live(key) !== undefined
    this.records.delete(key)
    return existed
  }

  patch? = async (key: string, change: SessionPatch, ttl: number): Promise<boolean> => {
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
    const entry = this.#live(key)
    if (!entry) return false
    entry.session.lastAccessedAt = lastAccessedAt
    entry.expiresAt = Date.now() + ttl * 1000
    return true
  }

  listByPrincipal? = async (principal: string): Promise<Array<{ key: string; session: StoredSession }>> => {
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
}

/**
 * The in-memory store above, wrapped in core/testing's `RecordingStore` (every call logged with
 * its key and TTL), so the lifecycle tests can assert which store operations a request caused.
 */
export class LoggedStore extends RecordingStore {
  readonly records: TestMemoryStore['records']

  /**
   * `keepExpired`: the store never expires anything itself, like a store whose clean-up lags,
   * so a test can see core enforce the deadlines on its own.
   */
  constructor(
    capabilities: { patch?: boolean; touch?: boolean; list?: boolean; keepExpired?: boolean } = {},
  ) {
    const memory = new TestMemoryStore(capabilities)
    super(memory)
    this.records = memory.records
  }

  /** When set, every call rejects with it (a store that is down). */
  set failure(error: Error | undefined) {
    this.failing = error ?? false
  }
}
