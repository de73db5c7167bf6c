import type { SessionPatch, SessionStore, StoredSession } from '@fly-session/core'

interface Entry {
  /** The record as JSON: a string cannot be changed by whoever passed or read the record. */
  json: string
  /** When the TTL runs out. Epoch milliseconds. */
  expiresAt: number
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

  async destroy(key: string): Promise<void> {
    this.#entries.delete(key)
  }

  async patch(key: string, change: SessionPatch, ttl: number): Promise<boolean> {
    // Read and write with no `await` between them: no other call can interleave, so two
    // requests patching different attributes both survive.
    const current = this.#read(key)
    if (current === null) return false // destroyed meanwhile (a logout): do not bring it back
    const kept = Object.entries(current.attributes).filter(([name]) => !change.remove.includes(name))
    // fromEntries defines properties, so an attribute named "__proto__" stays plain data.
    const attributes = Object.fromEntries([...kept, ...Object.entries(change.set)])
    const next: StoredSession = { ...current, attributes, lastAccessedAt: change.lastAccessedAt }
    if (change.principal === null) delete next.principal
    else if (change.principal !== undefined) next.principal = change.principal
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
    if (entry.expiresAt <= Date.now()) {
      this.#entries.delete(key)
      return null
    }
    return JSON.parse(entry.json) as StoredSession
  }

  #write(key: string, session: StoredSession, ttl: number): void {
    const expiresAt = Date.now() + ttl * 1000
    this.#entries.set(key, { json: JSON.stringify({ ...session, expiresAt }), expiresAt })
  }
}
