import { type CommitFacts, type CommitPlan, planCommit, type StoreWrite } from './commit-plan'
import type { ResolvedConfig } from './config'
import type { CookieSigner, VerifiedCookie } from './cookie-signature'
import { deadlinesOf, expiryReason } from './deadlines'
import { SessionStateError, SessionStoreError } from './errors'
import type { HttpSession } from './http-session'
import { Session } from './session'
import type { SessionCookieWriter } from './session-cookie'
import { readSessionCookie } from './session-cookie'
import { storeKeyFor } from './session-id'
import type { StoredSession } from './store'
import { callStore, startStoreCall, storeFailure } from './store-calls'

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
  /**
   * `commit()`, saying whether there is anything to wait for: `undefined` when nothing needed
   * writing (the commit is complete and `state` is 'committed'), else the promise of the store
   * write, settling as `commit()`'s would. Lets an adapter end a read-only response at once.
   * Optional, so a wrapper that implements only `commit()` still is a lifecycle (core's always has it).
   */
  startCommit?(): Promise<void> | undefined
}

/** Everything a lifecycle needs from its manager. */
export interface LifecycleContext {
  config: ResolvedConfig
  cookieWriter: SessionCookieWriter
  signer: CookieSigner
}

const settled: Promise<void> = Promise.resolve()

/**
 * Writes whose failure fails the request under both `onStoreError` policies: a logout or a
 * regenerate that did not destroy the old record would leave it valid for any other copy of
 * the cookie while the response claims otherwise.
 */
const MUST_SUCCEED: ReadonlySet<StoreWrite> = new Set(['destroy', 'move'])

export class Lifecycle implements SessionLifecycle {
  #state: SessionLifecycle['state'] = 'pending'
  #loading: Promise<HttpSession> | undefined
  #session: Session | undefined
  #rotated = false
  /** The store failed on load and `onStoreError` is 'continue': nothing is saved, no cookie. */
  #detached = false
  /** The cookie half of the plan, fixed at the first of setCookie() and commit(). */
  #sent: CommitPlan | undefined
  #committing = false
  /** The request's one clock reading, taken at load: the plan's deadline, TTL and Max-Age all derive from it. */
  #now = 0
  // Private fields, not parameter properties: nothing reachable from a lifecycle may show the config.
  readonly #context: LifecycleContext
  readonly #cookieHeader: string | undefined

  constructor(context: LifecycleContext, cookieHeader: string | undefined) {
    this.#context = context
    this.#cookieHeader = cookieHeader
  }

  get state(): SessionLifecycle['state'] {
    return this.#state
  }

  load(): Promise<HttpSession> {
    this.#loading ??= this.#load()
    return this.#loading
  }

  setCookie(): string | undefined {
    const session = this.#session
    if (session === undefined) return undefined
    const plan = this.#cookiePlan(session)
    switch (plan.cookie) {
      case 'issue':
        return this.#context.cookieWriter.issue(this.#context.signer.sign(session.id), plan.ttl)
      case 'expire':
        return this.#context.cookieWriter.expire()
      default:
        return undefined
    }
  }

  /**
   * A commit with nothing to write (the common read-only request) settles synchronously:
   * `state` is already 'committed' when this returns (see `startCommit()`).
   */
  commit(): Promise<void> {
    return this.startCommit() ?? settled
  }

  startCommit(): Promise<void> | undefined {
    const session = this.#session
    if (this.#committing || this.#state === 'committed') {
      return Promise.reject(new SessionStateError('commit() was called twice'))
    }
    if (session === undefined || this.#state !== 'loaded') {
      return Promise.reject(new SessionStateError(`commit() needs a loaded session (state: ${this.#state})`))
    }
    this.#committing = true
    let plan: CommitPlan
    try {
      plan = planCommit(this.#facts(session), this.#cookiePlan(session))
    } catch (error) {
      this.#state = 'failed'
      return Promise.reject(error)
    }
    session.close()
    if (plan.write === 'none') {
      this.#state = 'committed'
      return undefined
    }
    return (
      this.#update(session, plan) ??
      this.#execute(session, plan).then(
        () => {
          this.#state = 'committed'
        },
        (error: unknown) => this.#failCommit(plan, error),
      )
    )
  }

  /** A failed commit: 'committed' anyway when the policy tolerates the failure, else 'failed' and rethrown. */
  #failCommit(plan: CommitPlan, error: unknown): void {
    const tolerated =
      !this.#context.config.failOnStoreError &&
      error instanceof SessionStoreError &&
      !MUST_SUCCEED.has(plan.write)
    this.#state = tolerated ? 'committed' : 'failed'
    if (!tolerated) throw error
  }

  #cookiePlan(session: Session): CommitPlan {
    if (this.#sent === undefined) {
      this.#sent = planCommit(this.#facts(session))
      session.seal(this.#sent.cookie === 'issue')
    }
    return this.#sent
  }

  #facts(session: Session): CommitFacts {
    // In-place changes to values read this request are found before anything is decided.
    session.flushMutations()
    return {
      now: this.#now,
      detached: this.#detached,
      invalidated: session.invalidated,
      isNew: session.isNew,
      regenerated: session.previous !== undefined,
      modified: session.modified,
      rotated: this.#rotated,
      lifetimeChanged: session.lifetimeChanged,
      lastAccessedAt: session.lastAccessedAt,
      touchIntervalMs: session.touchIntervalMs,
      expiresAtIf: (lastAccessedAt) => session.expiresAtIf(lastAccessedAt),
    }
  }

  /** The session turned out to be gone at commit: a cookie not yet sent expires instead of naming it. */
  #forget(): void {
    if (this.#sent !== undefined) this.#sent = { ...this.#sent, cookie: 'expire' }
  }

  /** The request's session is known: `load()` resolves to it. */
  #adopt(session: Session): Session {
    this.#session = session
    this.#state = 'loaded'
    return session
  }

  #reject(error: unknown): never {
    this.#state = 'failed'
    throw error
  }

  // Promise chains rather than async functions on the per-request path, and the store's own
  // promise handled in one `then` (its failure mapped there, not by callStore): each layer costs
  // a promise and microtask ticks, and this runs on every request.
  #load(): Promise<Session> {
    const { config } = this.#context
    const now = Date.now()
    this.#now = now
    let key: string
    let verified: VerifiedCookie | undefined
    try {
      const raw = readSessionCookie(this.#cookieHeader, config.cookie.name)
      if (raw === undefined) return Promise.resolve(this.#adopt(this.#fresh(now)))
      verified = this.#context.signer.verify(raw)
      if (verified === undefined) {
        config.hooks.cookieRejected?.({ reason: this.#context.signer.refusal(raw) })
        return Promise.resolve(this.#adopt(this.#fresh(now)))
      }
      key = storeKeyFor(verified.id, config.hashIds)
    } catch (error) {
      this.#state = 'failed'
      return Promise.reject(error)
    }
    const { id, rotated } = verified
    return startStoreCall(() => config.store.get(key)).then(
      (stored) => {
        try {
          const loaded = this.#loaded(stored, id, key, rotated, now)
          if (loaded instanceof Session) return this.#adopt(loaded)
          return loaded.then(
            (session) => this.#adopt(session),
            (error: unknown) => this.#reject(error),
          )
        } catch (error) {
          return this.#reject(error)
        }
      },
      (cause: unknown) => {
        const error = storeFailure(config, 'get', cause)
        if (config.failOnStoreError) return this.#reject(error)
        this.#detached = true
        return this.#adopt(this.#fresh(now))
      },
    )
  }

  /** The session a store read found: a fresh one when there was none or it had expired. */
  #loaded(
    stored: StoredSession | null,
    id: string,
    key: string,
    rotated: boolean,
    now: number,
  ): Session | Promise<Session> {
    const { config } = this.#context
    if (stored === null) {
      config.hooks.cookieRejected?.({ reason: 'unknown' })
      return this.#fresh(now)
    }
    const { idleTimeoutMs, absoluteDeadline } = deadlinesOf(config, stored)
    const expired = expiryReason(idleTimeoutMs, absoluteDeadline, stored.lastAccessedAt, now)
    if (expired !== undefined) {
      config.hooks.expired?.({ reason: expired })
      // Best effort: the store's TTL removes it anyway, so a failure here fails nothing.
      return callStore(config, 'destroy', () => config.store.destroy(key)).then(
        () => this.#fresh(now),
        () => this.#fresh(now),
      )
    }
    this.#rotated = rotated
    return new Session(config, {
      id,
      key,
      isNew: false,
      createdAt: stored.createdAt,
      lastAccessedAt: stored.lastAccessedAt,
      principal: stored.principal,
      attributes: stored.attributes,
      idleTimeout: stored.idleTimeout,
      absoluteTimeout: stored.absoluteTimeout,
    })
  }

  #fresh(now: number): Session {
    return new Session(this.#context.config, {
      id: undefined,
      key: undefined,
      isNew: true,
      createdAt: now,
      lastAccessedAt: now,
      principal: undefined,
      attributes: undefined,
    })
  }

  /**
   * Carries out the plan's store write (see the lifecycle table in docs/architecture.md), for
   * every write `#update` does not take.
   */
  #execute(session: Session, plan: CommitPlan): Promise<void> {
    switch (plan.write) {
      case 'destroy':
        return this.#destroy(session)
      case 'create':
        return this.#create(session, plan)
      case 'move':
        return this.#move(session, plan)
      default:
        // A patch or touch on a store without that method: the whole record instead.
        return this.#writeWhole(session, plan)
    }
  }

  async #destroy(session: Session): Promise<void> {
    const { config } = this.#context
    const key = session.previous?.key ?? session.storeKey
    await callStore(config, 'destroy', () => config.store.destroy(key))
    config.hooks.invalidated?.(session)
  }

  async #create(session: Session, plan: CommitPlan): Promise<void> {
    const { config } = this.#context
    await this.#writeWhole(session, plan)
    config.hooks.created?.(session)
  }

  /**
   * Regenerate: the whole record under the new key, then the old key destroyed. When that
   * destroy finds nothing, a logout, `invalidateAll` or `invalidateSession` killed the session
   * while it was being moved, so the new record is destroyed too: a killed session never lives
   * on under a new ID. (The new record is written first so that an `invalidateAll` listing the
   * principal's sessions in between finds it; see docs/architecture.md.)
   */
  async #move(session: Session, plan: CommitPlan): Promise<void> {
    const { config } = this.#context
    const previous = session.previous!
    await this.#writeWhole(session, plan)
    const existed = await callStore(config, 'destroy', () => config.store.destroy(previous.key))
    if (existed === false) {
      await callStore(config, 'destroy', () => config.store.destroy(session.storeKey))
      this.#forget()
      return
    }
    config.hooks.regenerated?.(session, previous.id)
  }

  /**
   * A patch (a delta, which never resurrects a destroyed session) or a touch, when the store has
   * that method, else `undefined`. The store's promise is handled in one `then` that settles the
   * commit too: this is the write of every modifying request. `false` from the store means the
   * session is gone, and it stays gone.
   */
  #update(session: Session, plan: CommitPlan): Promise<void> | undefined {
    const { config } = this.#context
    const { store } = config
    const operation = plan.write
    let call: () => Promise<boolean>
    if (operation === 'patch' && store.patch !== undefined) {
      call = () => store.patch!(session.storeKey, session.toPatch(plan.lastAccessedAt), plan.ttl)
    } else if (operation === 'touch' && store.touch !== undefined) {
      call = () => store.touch!(session.storeKey, plan.lastAccessedAt, plan.ttl)
    } else return undefined
    return startStoreCall(call).then(
      (written) => {
        if (written) session.markAccessed(plan.lastAccessedAt)
        else this.#forget()
        this.#state = 'committed'
      },
      (cause: unknown) => this.#failCommit(plan, storeFailure(config, operation, cause)),
    )
  }

  async #writeWhole(session: Session, plan: CommitPlan): Promise<void> {
    const { config } = this.#context
    await callStore(config, 'set', () =>
      config.store.set(session.storeKey, session.toRecord(plan.lastAccessedAt), plan.ttl),
    )
    session.markAccessed(plan.lastAccessedAt)
  }
}
