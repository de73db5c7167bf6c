import type { SessionPatch, SessionStore, StoredSession } from '@fly-session/core'

/** The store methods a `CountingStore` records. */
export type StoreMethod = 'get' | 'set' | 'destroy' | 'patch' | 'touch' | 'listByPrincipal'

const WRITES: ReadonlySet<StoreMethod> = new Set(['set', 'destroy', 'patch', 'touch'])

/**
 * Wraps a real store (MemoryStore, RedisStore) to record every call, and on demand to make
 * calls fail (a store that is down) or writes slow (a store across a network). It has exactly
 * the optional capabilities of the store it wraps, so core feature-detects the same ones.
 */
export class CountingStore implements SessionStore {
  /** Every call, in order, with the key (or the principal, for `listByPrincipal`). */
  readonly calls: Array<{ method: StoreMethod; key: string }> = []
  /** `'all'`: every call rejects; `'writes'`: only set, destroy, patch and touch reject. */
  failing: false | 'all' | 'writes' = false
  /** Milliseconds each write waits before it reaches the store. @default 0 */
  writeLatency = 0
  patch?: (key: string, change: SessionPatch, ttl: number) => Promise<boolean>
  touch?: (key: string, lastAccessedAt: number, ttl: number) => Promise<boolean>
  listByPrincipal?: (principal: string) => Promise<Array<{ key: string; session: StoredSession }>>

  constructor(readonly inner: SessionStore) {
    const { patch, touch, listByPrincipal } = inner
    if (patch)
      this.patch = (key, change, ttl) => this.#call('patch', key, () => patch.call(inner, key, change, ttl))
    if (touch) this.touch = (key, at, ttl) => this.#call('touch', key, () => touch.call(inner, key, at, ttl))
    if (listByPrincipal) {
      this.listByPrincipal = (principal) =>
        this.#call('listByPrincipal', principal, () => listByPrincipal.call(inner, principal))
    }
  }

  get(key: string): Promise<StoredSession | null> {
    return this.#call('get', key, () => this.inner.get(key))
  }

  set(key: string, session: StoredSession, ttl: number): Promise<void> {
    return this.#call('set', key, () => this.inner.set(key, session, ttl))
  }

  destroy(key: string): ReturnType<SessionStore['destroy']> {
    return this.#call('destroy', key, () => this.inner.destroy(key))
  }

  /** The methods called since the last `reset()`, in order. */
  methods(): StoreMethod[] {
    return this.calls.map((call) => call.method)
  }

  /** The writes (set, destroy, patch, touch) since the last `reset()`. */
  writes(): StoreMethod[] {
    return this.methods().filter((method) => WRITES.has(method))
  }

  /** The key the first `set` since the last `reset()` wrote (a new session's store key). */
  createdKey(): string | undefined {
    return this.calls.find((call) => call.method === 'set')?.key
  }

  reset(): void {
    this.calls.length = 0
  }

  async #call<R>(method: StoreMethod, key: string, run: () => Promise<R>): Promise<R> {
    this.calls.push({ method, key })
    const write = WRITES.has(method)
    if (this.failing === 'all' || (this.failing === 'writes' && write)) {
      throw new Error(`store down (CountingStore.failing = '${this.failing}')`)
    }
    if (write && this.writeLatency > 0) await new Promise((resolve) => setTimeout(resolve, this.writeLatency))
    return run()
  }
}
