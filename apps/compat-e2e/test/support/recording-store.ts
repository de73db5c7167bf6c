import type { SessionPatch, SessionStore, StoredSession } from '@fly-session/core'
import { MemoryStore } from '@fly-session/store-memory'

/**
 * A MemoryStore that records what each write carried (which attributes a patch set or removed),
 * so a test can tell a delta commit from a whole-record write, and can fail on demand.
 */
export class RecordingStore implements SessionStore {
  readonly inner = new MemoryStore()
  readonly writes: Array<{
    method: 'set' | 'patch' | 'destroy' | 'touch'
    set?: string[]
    remove?: string[]
  }> = []
  gets = 0
  /** Makes every call reject, as a store that is down. */
  failing = false

  #check(): void {
    if (this.failing) throw new Error('store down (RecordingStore.failing)')
  }

  async get(key: string): Promise<StoredSession | null> {
    this.#check()
    this.gets++
    return this.inner.get(key)
  }

  async set(key: string, session: StoredSession, ttl: number): Promise<void> {
    this.#check()
    this.writes.push({ method: 'set', set: Object.keys(session.attributes) })
    return this.inner.set(key, session, ttl)
  }

  async patch(key: string, change: SessionPatch, ttl: number): Promise<boolean> {
    this.#check()
    this.writes.push({ method: 'patch', set: Object.keys(change.set), remove: change.remove })
    return this.inner.patch(key, change, ttl)
  }

  async touch(key: string, lastAccessedAt: number, ttl: number): Promise<boolean> {
    this.#check()
    this.writes.push({ method: 'touch' })
    return this.inner.touch(key, lastAccessedAt, ttl)
  }

  listByPrincipal(principal: string): Promise<Array<{ key: string; session: StoredSession }>> {
    this.#check()
    return this.inner.listByPrincipal(principal)
  }

  async destroy(key: string): Promise<void> {
    this.#check()
    this.writes.push({ method: 'destroy' })
    await this.inner.destroy(key)
  }
}
