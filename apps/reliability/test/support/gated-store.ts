import type { SessionPatch, SessionStore, StoredSession } from '@fly-session/core'

type Method = 'get' | 'set' | 'destroy' | 'patch' | 'listByPrincipal'

/** A store call held at a gate: `reached` once it arrives, and it goes on to the store on `release()`. */
export interface HeldCall {
  reached: Promise<void>
  release(): void
}

interface Hold extends HeldCall {
  method: Method
  key: string | undefined
  arrive(): void
  released: Promise<void>
}

/** Rejects after `ms` so a scenario whose gate is never reached fails instead of hanging. */
export function bounded<T>(promise: Promise<T>, what: string, ms = 5_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms)
  })
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer))
}

/**
 * Wraps a real store so a test can stop one call of a given method (and key) just before it
 * reaches the store, do something else meanwhile, then let it go: interleavings are forced, not
 * hoped for. Each hold catches one call.
 */
export class GatedStore implements SessionStore {
  readonly #inner: SessionStore
  readonly #holds: Hold[] = []

  constructor(inner: SessionStore) {
    this.#inner = inner
  }

  /** Holds the next call of `method` (on `key`, when given). */
  hold(method: Method, key?: string): HeldCall {
    let arrive = () => {}
    let release = () => {}
    const reached = new Promise<void>((resolve) => {
      arrive = resolve
    })
    const released = new Promise<void>((resolve) => {
      release = resolve
    })
    const hold: Hold = {
      method,
      key,
      arrive,
      release,
      reached: bounded(reached, `a held ${method}`),
      released,
    }
    this.#holds.push(hold)
    return hold
  }

  async #gate(method: Method, key: string): Promise<void> {
    const index = this.#holds.findIndex((h) => h.method === method && (h.key === undefined || h.key === key))
    if (index === -1) return
    const [hold] = this.#holds.splice(index, 1)
    hold!.arrive()
    await bounded(hold!.released, `the release of a held ${method}`)
  }

  async get(key: string): Promise<StoredSession | null> {
    await this.#gate('get', key)
    return this.#inner.get(key)
  }

  async set(key: string, session: StoredSession, ttl: number): Promise<void> {
    await this.#gate('set', key)
    return this.#inner.set(key, session, ttl)
  }

  async destroy(key: string): ReturnType<SessionStore['destroy']> {
    await this.#gate('destroy', key)
    return this.#inner.destroy(key)
  }

  async patch(key: string, change: SessionPatch, ttl: number): Promise<boolean> {
    await this.#gate('patch', key)
    return this.#inner.patch!(key, change, ttl)
  }

  touch(key: string, lastAccessedAt: number, ttl: number): Promise<boolean> {
    return this.#inner.touch!(key, lastAccessedAt, ttl)
  }

  async listByPrincipal(principal: string): Promise<Array<{ key: string; session: StoredSession }>> {
    await this.#gate('listByPrincipal', principal)
    return this.#inner.listByPrincipal!(principal)
  }
}
