import { type CookieDecision, decideCookie } from './commit-decision'
import type { ResolvedConfig } from './config'
import { signSessionId, verifySessionCookie } from './cookie-signature'
import { expiryReason } from './deadlines'
import { SessionStateError } from './errors'
import type { HttpSession } from './http-session'
import { Session } from './session'
import type { SessionCookieWriter } from './session-cookie'
import { readSessionCookie } from './session-cookie'
import { storeKeyFor } from './session-id'
import type { StoredSession } from './store'
import { callStore } from './store-calls'

/** The framework-free state machine one request drives: load → (handler) → setCookie → commit. */
export interface SessionLifecycle {
  /** `pending` → `loaded` (by `load`) → `committed` (by `commit`); `failed` when a store call failed. */
  readonly state: 'pending' | 'loaded' | 'committed' | 'failed'
  /** Loads (or creates) the request's session. Concurrent calls share one load. */
  load(): Promise<HttpSession>
  /**
   * The Set-Cookie value this response needs, if any. Synchronous, so an adapter can call it
   * as the headers go out; the first call (or `commit()`) fixes the decision for the request.
   */
  setCookie(): string | undefined
  /** Persists the request's changes. Must finish before the response completes. */
  commit(): Promise<void>
}

/** Everything a lifecycle needs from its manager. */
export interface LifecycleContext {
  config: ResolvedConfig
  cookieWriter: SessionCookieWriter
}

const settled: Promise<void> = Promise.resolve()

/** Seconds from `now` until `deadline`, at least 1 (stores take whole seconds). */
function ttlSeconds(deadline: number, now: number): number {
  return Math.max(1, Math.ceil((deadline - now) / 1000))
}

export class Lifecycle implements SessionLifecycle {
  #state: SessionLifecycle['state'] = 'pending'
  #loading: Promise<HttpSession> | undefined
  #session: Session | undefined
  #rotated = false
  /** The store failed on load and `onStoreError` is 'continue': nothing is saved, no cookie. */
  #detached = false
  #decision: CookieDecision | undefined
  #committing = false

  constructor(
    private readonly context: LifecycleContext,
    private readonly cookieHeader: string | undefined,
  ) {}

  get state(): SessionLifecycle['state'] {
    return this.#state
  }

  load(): Promise<HttpSession> {
    this.#loading ??= this.#load().then(
      (session) => {
        this.#session = session
        this.#state = 'loaded'
        return session
      },
      (error: unknown) => {
        this.#state = 'failed'
        throw error
      },
    )
    return this.#loading
  }

  setCookie(): string | undefined {
    const session = this.#session
    if (session === undefined) return undefined
    const decision = this.#decide(session)
    switch (decision.cookie) {
      case 'issue':
        return this.context.cookieWriter.issue(
          signSessionId(session.id, this.context.config.secrets),
          session.expiresAtIf(decision.now),
          decision.now,
        )
      case 'expire':
        return this.context.cookieWriter.expire()
      default:
        return undefined
    }
  }

  /**
   * A commit with nothing to write (the common read-only request) settles synchronously:
   * `state` is already 'committed' when this returns, so an adapter can finish the response
   * at once instead of waiting for a promise.
   */
  commit(): Promise<void> {
    const session = this.#session
    if (this.#committing || this.#state === 'committed') {
      return Promise.reject(new SessionStateError('commit() was called twice'))
    }
    if (session === undefined || this.#state !== 'loaded') {
      return Promise.reject(new SessionStateError(`commit() needs a loaded session (state: ${this.#state})`))
    }
    this.#committing = true
    const decision = this.#decide(session)
    session.close()
    const writing = this.#persist(session, decision)
    if (writing === undefined) {
      this.#state = 'committed'
      return settled
    }
    return writing.then(
      () => {
        this.#state = 'committed'
      },
      (error: unknown) => {
        if (this.context.config.failOnStoreError) {
          this.#state = 'failed'
          throw error
        }
        this.#state = 'committed'
      },
    )
  }

  #decide(session: Session): CookieDecision {
    if (this.#decision === undefined) {
      this.#decision = decideCookie(session, {
        now: Date.now(),
        touchIntervalMs: this.context.config.touchIntervalMs,
        rotated: this.#rotated,
        detached: this.#detached,
      })
      session.seal(this.#decision.cookie === 'issue')
    }
    return this.#decision
  }

  async #load(): Promise<Session> {
    const { config } = this.context
    const now = Date.now()
    const raw = readSessionCookie(this.cookieHeader, config.cookie.name)
    const verified = raw === undefined ? undefined : verifySessionCookie(raw, config.secrets)
    if (verified === undefined) return this.#fresh(now)
    const key = storeKeyFor(verified.id, config.hashIds)
    let stored: StoredSession | null
    try {
      stored = await callStore(config, 'get', () => config.store.get(key))
    } catch (error) {
      if (config.failOnStoreError) throw error
      this.#detached = true
      return this.#fresh(now)
    }
    if (stored === null) return this.#fresh(now)
    const expired = expiryReason(config, stored.createdAt, stored.lastAccessedAt, now)
    if (expired !== undefined) {
      config.hooks.expired?.({ reason: expired })
      // Best effort: the store's TTL removes it anyway, so a failure here fails nothing.
      await callStore(config, 'destroy', () => config.store.destroy(key)).catch(() => undefined)
      return this.#fresh(now)
    }
    this.#rotated = verified.rotated
    return new Session(config, {
      id: verified.id,
      key,
      isNew: false,
      createdAt: stored.createdAt,
      lastAccessedAt: stored.lastAccessedAt,
      principal: stored.principal,
      attributes: stored.attributes,
    })
  }

  #fresh(now: number): Session {
    return new Session(this.context.config, {
      id: undefined,
      key: undefined,
      isNew: true,
      createdAt: now,
      lastAccessedAt: now,
      principal: undefined,
      attributes: undefined,
    })
  }

  /** The store half of ARCHITECTURE.md's lifecycle table; `undefined` when there is nothing to write. */
  #persist(session: Session, decision: CookieDecision): Promise<void> | undefined {
    if (this.#detached) return undefined
    if (session.invalidated) return session.isNew ? undefined : this.#destroy(session)
    const lastAccessedAt = decision.touch ? decision.now : session.lastAccessedAt
    const ttl = ttlSeconds(session.expiresAtIf(lastAccessedAt), decision.now)
    if (session.isNew || session.previous !== undefined) {
      return session.modified ? this.#create(session, lastAccessedAt, ttl) : undefined
    }
    if (session.modified) return this.#update(session, lastAccessedAt, ttl)
    return decision.touch ? this.#touch(session, lastAccessedAt, ttl) : undefined
  }

  async #destroy(session: Session): Promise<void> {
    const { config } = this.context
    const key = session.previous?.key ?? session.storeKey
    await callStore(config, 'destroy', () => config.store.destroy(key))
    config.hooks.invalidated?.(session)
  }

  /** A new session, or a regenerated one: the whole record under the (new) key, then the old key destroyed. */
  async #create(session: Session, lastAccessedAt: number, ttl: number): Promise<void> {
    const { config } = this.context
    const { store, hooks } = config
    await callStore(config, 'set', () => store.set(session.storeKey, session.toRecord(lastAccessedAt), ttl))
    session.markAccessed(lastAccessedAt)
    const previous = session.previous
    if (previous === undefined) {
      hooks.created?.(session)
      return
    }
    await callStore(config, 'destroy', () => store.destroy(previous.key))
    hooks.regenerated?.(session, previous.id)
  }

  /** A delta when the store can patch (never resurrecting a destroyed session), else the whole record. */
  async #update(session: Session, lastAccessedAt: number, ttl: number): Promise<void> {
    const { config } = this.context
    const { store } = config
    const written =
      store.patch === undefined
        ? await this.#writeWhole(session, lastAccessedAt, ttl)
        : await callStore(config, 'patch', () =>
            store.patch!(session.storeKey, session.toPatch(lastAccessedAt), ttl),
          )
    if (written) session.markAccessed(lastAccessedAt)
  }

  async #touch(session: Session, lastAccessedAt: number, ttl: number): Promise<void> {
    const { config } = this.context
    const { store } = config
    const touched =
      store.touch === undefined
        ? await this.#writeWhole(session, lastAccessedAt, ttl)
        : await callStore(config, 'touch', () => store.touch!(session.storeKey, lastAccessedAt, ttl))
    if (touched) session.markAccessed(lastAccessedAt)
  }

  async #writeWhole(session: Session, lastAccessedAt: number, ttl: number): Promise<boolean> {
    const { config } = this.context
    await callStore(config, 'set', () =>
      config.store.set(session.storeKey, session.toRecord(lastAccessedAt), ttl),
    )
    return true
  }
}
