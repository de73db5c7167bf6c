import type { SessionPatch, SessionStore, StoredSession } from '../store'

/** The store methods a `RecordingStore` records. */
export type StoreMethod = 'get' | 'set' | 'destroy' | 'patch' | 'touch' | 'listByPrincipal'

/** One store call as recorded: the key (or the principal, for `listByPrincipal`), and what a write carried. */
export interface StoreCall {
  method: StoreMethod
  key: string
  /** Seconds, for `set`, `patch` and `touch`. */
  ttl?: number
  /** Attribute names a `set` wrote or a `patch` set. */
  set?: string[]
  /** Attribute names a `patch` removed. */
  remove?: string[]
}

/** A call held before it reaches the store: `reached` once it arrives; it goes on at `release()`. */
export interface HeldCall {
  reached: Promise<void>
  release(): void
}

const WRITES: ReadonlySet<StoreMethod> = new Set(['set', 'destroy', 'patch', 'touch'])

/** Milliseconds a held call may wait to arrive or to be released before it fails the test. */
const HOLD_LIMIT_MS = 5_000

function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void
  const promise = new Promise<void>((done) => {
    resolve = done
  })
  return { promise, resolve }
}

/** `promise`, or a rejection naming `what` once `ms` milliseconds pass first: a wait in a test that cannot hang. */
export function bounded<T>(promise: Promise<T>, what: string, ms = HOLD_LIMIT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms)
  })
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer))
}

/**
 * Wraps a real store to record every call; on demand it makes calls fail (a store that is
 * down), writes slow (a store across a network), or holds one call until the test releases it
 * (to force an interleaving instead of hoping for one). It has exactly the optional methods of
 * the store it wraps, so core feature-detects the same ones.
 */
export class RecordingStore implements SessionStore {
  /** Every call since the last `reset()`, in order. */
  readonly calls: StoreCall[] = []
  /**
   * `'all'`: every call rejects; `'writes'`: only set, destroy, patch and touch reject; an
   * `Error`: every call rejects with that error.
   */
  failing: false | 'all' | 'writes' | Error = false
  /** Milliseconds each write waits before it reaches the store. @default 0 */
  writeLatency = 0
  patch?: (key: string, change: SessionPatch, ttl: number) => Promise<boolean>
  touch?: (key: string, lastAccessedAt: number, ttl: number) => Promise<boolean>
  listByPrincipal?: (principal: string) => Promise<Array<{ key: string; session: StoredSession }>>
  readonly #holds: Array<{
    method: StoreMethod
    key: string | undefined
    arrive(): void
    released: Promise<void>
  }> = []

  constructor(readonly inner: SessionStore) {
    const { patch, touch, listByPrincipal } = inner
    if (patch) {
      this.patch = (key, change, ttl) =>
        this.#call(
          { method: 'patch', key, ttl, set: Object.keys(change.set), remove: [...change.remove] },
          () => patch.call(inner, key, change, ttl),
        )
    }
    if (touch)
      this.touch = (key, at, ttl) =>
        this.#call({ method: 'touch', key, ttl }, () => touch.call(inner, key, at, ttl))
    if (listByPrincipal) {
      this.listByPrincipal = (principal) =>
        this.#call({ method: 'listByPrincipal', key: principal }, () =>
          listByPrincipal.call(inner, principal),
        )
    }
  }

  get(key: string): Promise<StoredSession | null> {
    return this.#call({ method: 'get', key }, () => this.inner.get(key))
  }

  set(key: string, session: StoredSession, ttl: number): Promise<void> {
    const call = { method: 'set' as const, key, ttl, set: Object.keys(session.attributes) }
    return this.#call(call, () => this.inner.set(key, session, ttl))
  }

  destroy(key: string): ReturnType<SessionStore['destroy']> {
    return this.#call({ method: 'destroy', key }, () => this.inner.destroy(key))
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

  /** Holds the next call of `method` (on `key`, when given) just before it reaches the store. */
  hold(method: StoreMethod, key?: string): HeldCall {
    const arrival = signal()
    const release = signal()
    this.#holds.push({ method, key, arrive: arrival.resolve, released: release.promise })
    return { reached: bounded(arrival.promise, `a held ${method}`), release: release.resolve }
  }

  async #call<R>(call: StoreCall, run: () => Promise<R>): Promise<R> {
    this.calls.push(call)
    const write = WRITES.has(call.method)
    if (this.failing instanceof Error) throw this.failing
    if (this.failing === 'all' || (this.failing === 'writes' && write)) {
      throw new Error(`store down (RecordingStore.failing = '${this.failing}')`)
    }
    const index = this.#holds.findIndex(
      (hold) => hold.method === call.method && (hold.key === undefined || hold.key === call.key),
    )
    if (index !== -1) {
      const [hold] = this.#holds.splice(index, 1)
      hold!.arrive()
      await bounded(hold!.released, `the release of a held ${call.method}`)
    }
    if (write && this.writeLatency > 0) await new Promise((resolve) => setTimeout(resolve, this.writeLatency))
    return run()
  }
}
