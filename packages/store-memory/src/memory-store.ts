import {
  type SessionPatch,
  type SessionStore,
  SessionTooLargeError,
  type StoredSession,
} from '@fly-session/core'

/** Options for `MemoryStore`. */
export interface MemoryStoreOptions {
  /**
   * Most sessions kept at once; past it the least recently used is evicted, so a flood of new
   * sessions cannot exhaust memory.
   * @default 100000
   */
  maxEntries?: number
  /**
   * Seconds between sweeps of expired sessions. Expired entries are never returned even
   * between sweeps; the sweep only frees their memory. The timer does not keep the process alive.
   * @default 60
   */
  sweepInterval?: number
}

/** The default bound on entries. */
export const DEFAULT_MAX_ENTRIES = 100_000
/**
 * Entries one slice of a timer sweep examines before yielding to the event loop: at 1M
 * sessions a single pass blocked requests for most of a second; slices keep each pause to a
 * few milliseconds.
 */
const SWEEP_SLICE = 10_000

/** Seconds between sweeps. */
export const DEFAULT_SWEEP_INTERVAL = 60

interface Entry {
  /** Stored frozen: attribute values are strings, so a shallow copy out is a full copy. */
  record: Readonly<StoredSession>
  /** Epoch milliseconds. */
  expiresAt: number
  /** Bytes of the attributes' names and values, kept so a patch checks `maxSize` from its own delta. */
  size: number
}

function copyOut(record: Readonly<StoredSession>): StoredSession {
  const copy: StoredSession = { ...record, attributes: { ...record.attributes } }
  return copy
}

/** Bytes of attribute names and values (UTF-8), as core counts them against `maxSize`. */
function sizeOf(attributes: Record<string, string>): number {
  let size = 0
  for (const [name, value] of Object.entries(attributes))
    size += Buffer.byteLength(name) + Buffer.byteLength(value)
  return size
}

/** Attributes copied with defineProperty semantics (spread does that), so a "__proto__" name stays data. */
function copyAttributes(attributes: Record<string, string>): Record<string, string> {
  return { ...attributes }
}

function fieldSize(name: string, value: string): number {
  return Buffer.byteLength(name) + Buffer.byteLength(value)
}

/**
 * An in-process store for development, tests and single-process deployments. Sessions die with
 * the process and are not shared between processes: use `RedisStore` for more than one.
 * Bounded (LRU past `maxEntries`); expired entries are swept on an unref'd timer.
 */
export class MemoryStore implements SessionStore {
  readonly #entries = new Map<string, Entry>()
  readonly #byPrincipal = new Map<string, Set<string>>()
  readonly #maxEntries: number
  #sweeper: NodeJS.Timeout | undefined
  /** True while a timer sweep is working through its slices. */
  #sweeping = false

  constructor(options: MemoryStoreOptions = {}) {
    this.#maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES
    if (!Number.isInteger(this.#maxEntries) || this.#maxEntries < 1) {
      throw new TypeError('[fly-session] MemoryStore maxEntries must be a positive whole number')
    }
    const sweepSeconds = options.sweepInterval ?? DEFAULT_SWEEP_INTERVAL
    if (!(sweepSeconds > 0))
      throw new TypeError('[fly-session] MemoryStore sweepInterval must be a positive number of seconds')
    this.#sweeper = setInterval(() => this.#startSlicedSweep(), sweepSeconds * 1000)
    this.#sweeper.unref()
  }

  /** How many entries are held, expired ones not yet swept included. */
  get size(): number {
    return this.#entries.size
  }

  async get(key: string): Promise<StoredSession | null> {
    const entry = this.#live(key, Date.now())
    if (entry === undefined) return null
    // Re-insert to mark it most recently used (Map keeps insertion order).
    this.#entries.delete(key)
    this.#entries.set(key, entry)
    return copyOut(entry.record)
  }

  async set(key: string, session: StoredSession, ttl: number): Promise<void> {
    const attributes = copyAttributes(session.attributes)
    this.#write(key, { ...session, attributes }, ttl, sizeOf(attributes))
  }

  async destroy(key: string): Promise<boolean> {
    return this.#remove(key)
  }

  async patch(key: string, change: SessionPatch, ttl: number): Promise<boolean> {
    const now = Date.now()
    const entry = this.#live(key, now)
    if (entry === undefined) return false
    // Only the attributes the patch names are measured: the entry keeps the size of the rest.
    const attributes = copyAttributes(entry.record.attributes)
    let delta = 0
    for (const name of change.remove) {
      if (!Object.hasOwn(attributes, name)) continue
      delta -= fieldSize(name, attributes[name]!)
      delete attributes[name]
    }
    const { set } = change
    for (const name in set) {
      if (!Object.hasOwn(set, name)) continue
      const value = set[name]!
      if (Object.hasOwn(attributes, name)) delta -= fieldSize(name, attributes[name]!)
      delta += fieldSize(name, value)
      // Assigning "__proto__" would set the prototype; defining it keeps it data.
      if (name === '__proto__') {
        Object.defineProperty(attributes, name, {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        })
      } else attributes[name] = value
    }
    const size = entry.size + delta
    if (change.maxSize !== undefined && delta > 0 && size > change.maxSize) {
      throw new SessionTooLargeError(size, change.maxSize)
    }
    const record: StoredSession = {
      ...entry.record,
      attributes,
      lastAccessedAt: change.lastAccessedAt,
      expiresAt: change.expiresAt,
    }
    if (change.principal === null) delete record.principal
    else if (change.principal !== undefined) record.principal = change.principal
    if (change.idleTimeout === null) delete record.idleTimeout
    else if (change.idleTimeout !== undefined) record.idleTimeout = change.idleTimeout
    if (change.absoluteTimeout === null) delete record.absoluteTimeout
    else if (change.absoluteTimeout !== undefined) record.absoluteTimeout = change.absoluteTimeout
    this.#rewrite(key, entry, record, now + ttl * 1000, size)
    return true
  }

  async touch(key: string, lastAccessedAt: number, ttl: number): Promise<boolean> {
    const now = Date.now()
    const entry = this.#live(key, now)
    if (entry === undefined) return false
    this.#rewrite(key, entry, { ...entry.record, lastAccessedAt }, now + ttl * 1000, entry.size)
    return true
  }

  async listByPrincipal(principal: string): Promise<Array<{ key: string; session: StoredSession }>> {
    const keys = this.#byPrincipal.get(principal)
    if (keys === undefined) return []
    const found: Array<{ key: string; session: StoredSession }> = []
    const now = Date.now()
    for (const key of keys) {
      const entry = this.#live(key, now)
      if (entry !== undefined) found.push({ key, session: copyOut(entry.record) })
    }
    return found
  }

  async dispose(): Promise<void> {
    clearInterval(this.#sweeper)
    this.#sweeper = undefined
    this.#sweeping = false
  }

  /**
   * The timer's sweep: the same work as `sweep()`, in slices of `SWEEP_SLICE` entries with the
   * event loop free between them. It visits at most the entries present when it started, so
   * sessions touched meanwhile (moved to the end of the LRU order) cannot keep it going.
   */
  #startSlicedSweep(): void {
    if (this.#sweeping) return
    this.#sweeping = true
    const entries = this.#entries.entries()
    let budget = this.#entries.size
    const slice = () => {
      if (!this.#sweeping) return
      const now = Date.now()
      for (let seen = 0; seen < SWEEP_SLICE && budget > 0; seen++, budget--) {
        const next = entries.next()
        if (next.done) {
          budget = 0
          break
        }
        const [key, entry] = next.value
        if (entry.expiresAt <= now) this.#remove(key)
      }
      if (budget > 0) setImmediate(slice).unref()
      else this.#sweeping = false
    }
    slice()
  }

  /** Frees every expired entry now, in one pass. The timer sweeps in slices instead; this is for tests and shutdown. */
  sweep(now = Date.now()): number {
    let removed = 0
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt <= now) {
        this.#remove(key)
        removed++
      }
    }
    return removed
  }

  #live(key: string, now: number): Entry | undefined {
    const entry = this.#entries.get(key)
    if (entry === undefined) return undefined
    if (entry.expiresAt > now) return entry
    this.#remove(key)
    return undefined
  }

  #write(key: string, record: StoredSession, ttl: number, size: number): void {
    const previous = this.#entries.get(key)
    if (previous !== undefined) {
      this.#unindex(key, previous.record.principal)
      this.#entries.delete(key)
    }
    this.#entries.set(key, { record: Object.freeze(record), expiresAt: Date.now() + ttl * 1000, size })
    this.#index(key, record.principal)
    if (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value
      if (oldest !== undefined) this.#remove(oldest)
    }
  }

  /**
   * A patch or touch of a live entry: changed in place, keeping its place in the LRU order (the
   * `get` that loaded it for this request marked it used) and costing no Map operation.
   */
  #rewrite(key: string, entry: Entry, record: StoredSession, expiresAt: number, size: number): void {
    const previous = entry.record.principal
    entry.record = Object.freeze(record)
    entry.expiresAt = expiresAt
    entry.size = size
    if (record.principal === previous) return
    this.#unindex(key, previous)
    this.#index(key, record.principal)
  }

  /** True when a live (unexpired) entry was removed. */
  #remove(key: string): boolean {
    const entry = this.#entries.get(key)
    if (entry === undefined) return false
    this.#entries.delete(key)
    this.#unindex(key, entry.record.principal)
    return entry.expiresAt > Date.now()
  }

  #index(key: string, principal: string | undefined): void {
    if (principal === undefined) return
    const keys = this.#byPrincipal.get(principal) ?? new Set<string>()
    this.#byPrincipal.set(principal, keys)
    keys.add(key)
  }

  #unindex(key: string, principal: string | undefined): void {
    if (principal === undefined) return
    const keys = this.#byPrincipal.get(principal)
    keys?.delete(key)
    if (keys?.size === 0) this.#byPrincipal.delete(principal)
  }
}
