import {
  type SessionPatch,
  type SessionStore,
  SessionTooLargeError,
  type StoredSession,
} from '@fly-session/core'

interface Entry {
  /** The record as JSON: a string cannot be changed by whoever passed or read the record. */
  json: string
  /** When the TTL runs out. Epoch milliseconds. */
  ttlEndsAt: number
}

/** Bytes of attribute names and values (UTF-8), as core counts them against `maxSize`. */
function sizeOf(attributes: Record<string, string>): number {
  let size = 0
  for (const [name, value] of Object.entries(attributes))
    size += Buffer.byteLength(name) + Buffer.byteLength(value)
  return size
}

/**
 * A complete session store over a `Map`, with TTL. An expired record is deleted when it is
 * next read; nothing else frees it, so a store for production also needs a bound and a
 * periodic sweep (as `MemoryStore` has).
 */
export class MapStore implements SessionStore {
  readonly #entries = new Map<string, Entry>()

  async get(key: string): Promise<StoredSession | null> {
    return this.#read(key)
  }

  async set(key: string, session: StoredSession, ttl: number): Promise<void> {
    this.#write(key, session, ttl)
  }

  async destroy(key: string): Promise<boolean> {
    const existed = this.#read(key) !== null
    this.#entries.delete(key)
    return existed // core relies on it: regenerate() must not revive a session killed meanwhile
  }

  async patch(key: string, change: SessionPatch, ttl: number): Promise<boolean> {
    // Read and write with no `await` between them: no other call can interleave, so two
    // requests patching different attributes both survive.
    const current = this.#read(key)
    if (current === null) return false // destroyed meanwhile (a logout): do not bring it back
    const kept = Object.entries(current.attributes).filter(([name]) => !change.remove.includes(name))
    // fromEntries defines properties, so an attribute named "__proto__" stays plain data.
    const attributes = Object.fromEntries([...kept, ...Object.entries(change.set)])
    // Enforced here, where concurrent requests' writes meet; a change that does not grow passes.
    const size = sizeOf(attributes)
    if (change.maxSize !== undefined && size > change.maxSize && size > sizeOf(current.attributes)) {
      throw new SessionTooLargeError(size, change.maxSize)
    }
    const next: StoredSession = {
      ...current,
      attributes,
      lastAccessedAt: change.lastAccessedAt,
      expiresAt: change.expiresAt,
    }
    if (change.principal === null) delete next.principal
    else if (change.principal !== undefined) next.principal = change.principal
    for (const field of ['idleTimeout', 'absoluteTimeout'] as const) {
      if (change[field] === null) delete next[field]
      else if (change[field] !== undefined) next[field] = change[field]
    }
    this.#write(key, next, ttl)
    return true
  }

  async touch(key: string, lastAccessedAt: number, ttl: number): Promise<boolean> {
    const current = this.#read(key)
    if (current === null) return false
    this.#write(key, { ...current, lastAccessedAt }, ttl)
    return true
  }

  async listByPrincipal(principal: string): Promise<Array<{ key: string; session: StoredSession }>> {
    // A full scan: fine for a small store. A large one keeps an index per principal.
    const found: Array<{ key: string; session: StoredSession }> = []
    for (const key of [...this.#entries.keys()]) {
      const session = this.#read(key)
      if (session?.principal === principal) found.push({ key, session })
    }
    return found
  }

  #read(key: string): StoredSession | null {
    const entry = this.#entries.get(key)
    if (entry === undefined) return null
    if (entry.ttlEndsAt <= Date.now()) {
      this.#entries.delete(key)
      return null
    }
    return JSON.parse(entry.json) as StoredSession
  }

  #write(key: string, session: StoredSession, ttl: number): void {
    // The record is kept as given (its expiresAt is core's, not the TTL's).
    this.#entries.set(key, { json: JSON.stringify(session), ttlEndsAt: Date.now() + ttl * 1000 })
  }
}
