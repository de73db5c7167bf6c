import { resolveConfig } from './config'
import { CookieSigner } from './cookie-signature'
import { expiryOfStored } from './deadlines'
import { SessionError } from './errors'
import type { HttpSession } from './http-session'
import { Lifecycle, type SessionLifecycle } from './lifecycle'
import type { SessionOptions } from './options'
import { Session } from './session'
import { SessionCookieWriter } from './session-cookie'
import { SessionHandleCodec } from './session-handle'
import type { SessionStore, StoredSession } from './store'
import { callStore } from './store-calls'

/** One live session of a principal, as `listSessions` reports it. Times in epoch milliseconds. */
export interface SessionSummary {
  /** Opaque, unforgeable; pass it to `invalidateSession`. Safe to show to the principal. */
  handle: string
  createdAt: number
  lastAccessedAt: number
  expiresAt: number
  /** True for the session passed as `current`. */
  current?: boolean
}

/**
 * One store, one secret, one policy: share it between several apps and frameworks. Adapters
 * call `begin` once per request; applications use the principal calls.
 */
export interface SessionManager {
  /** Starts one request's lifecycle from its `Cookie` header. Cheap: no I/O until `load()`. */
  begin(cookieHeader: string | undefined): SessionLifecycle
  /** True when the `skip` option says this native request needs no session. */
  shouldSkip(req: unknown): boolean
  /** The live sessions of one principal, most recently refreshed first. Needs `store.listByPrincipal`. */
  listSessions(principal: string, options?: { current?: HttpSession }): Promise<SessionSummary[]>
  /** Destroys every session of one principal except `except`; resolves to how many were destroyed. */
  invalidateAll(principal: string, options?: { except?: HttpSession }): Promise<number>
  /**
   * Destroys the session behind a handle from `listSessions`. With `principal`, only if the
   * session belongs to it (so a handle from another account does nothing but throw).
   */
  invalidateSession(handle: string, options?: { principal?: string }): Promise<void>
}

const managerBrand = Symbol.for('fly-session.manager')

/**
 * The key under which an adapter's session facade (attributes as properties, another
 * library's method names) returns the `HttpSession` it wraps, so `listSessions({ current })`
 * and `invalidateAll({ except })` recognise the facade as that session.
 */
export const WRAPPED_SESSION: unique symbol = Symbol.for('fly-session.wrapped-session')

/** Creates a manager. Throws `SessionConfigError` at once for options that cannot work. */
export function createSessionManager<Req = unknown>(options: SessionOptions<Req>): SessionManager {
  const config = resolveConfig(options)
  const context = {
    config,
    cookieWriter: new SessionCookieWriter(config.cookie),
    signer: new CookieSigner(config.secrets),
  }
  const handles = new SessionHandleCodec(config.secrets)

  async function liveSessions(principal: string): Promise<Array<{ key: string; session: StoredSession }>> {
    const list = requireListing(config.store)
    const now = Date.now()
    const all = await callStore(config, 'listByPrincipal', () => list(principal))
    return all.filter(
      ({ session }) => session.principal === principal && expiryOfStored(config, session) > now,
    )
  }

  const destroy = (key: string) => callStore(config, 'destroy', () => config.store.destroy(key))

  const manager: SessionManager & { [managerBrand]: true } = {
    [managerBrand]: true,
    begin: (cookieHeader) => new Lifecycle(context, cookieHeader),
    shouldSkip: (req) => (config.skip ? config.skip(req) === true : false),

    async listSessions(principal, listOptions = {}) {
      const currentKeys = keysOf(listOptions.current)
      const sessions = await liveSessions(principal)
      return sessions
        .map(({ key, session }): SessionSummary => {
          const summary: SessionSummary = {
            handle: handles.seal({ key, principal, createdAt: session.createdAt }),
            createdAt: session.createdAt,
            lastAccessedAt: session.lastAccessedAt,
            expiresAt: expiryOfStored(config, session),
          }
          if (currentKeys.includes(key)) summary.current = true
          return summary
        })
        .sort((a, b) => b.lastAccessedAt - a.lastAccessedAt)
    },

    /*
     * Two passes. A regenerate in flight when the first listing ran may have moved a session
     * to a new key after it (the new record keeps `createdAt`); the second listing finds such
     * continuations, which are older than this call, while sessions signed in since are not.
     * A regenerate that moves a session after the second listing finds its old record gone
     * and destroys its new one itself (see the lifecycle's move).
     */
    async invalidateAll(principal, invalidateOptions = {}) {
      const startedAt = Date.now()
      const keep = keysOf(invalidateOptions.except)
      const first = (await liveSessions(principal)).filter(({ key }) => !keep.includes(key))
      await Promise.all(first.map(({ key }) => destroy(key)))
      const destroyed = new Set(first.map(({ key }) => key))
      const moved = (await liveSessions(principal)).filter(
        ({ key, session }) => !keep.includes(key) && !destroyed.has(key) && session.createdAt <= startedAt,
      )
      await Promise.all(moved.map(({ key }) => destroy(key)))
      return destroyed.size + moved.length
    },

    async invalidateSession(handle, invalidateOptions = {}) {
      const sealed = handles.open(handle)
      const principal = invalidateOptions.principal
      if (principal !== undefined) {
        const stored = await callStore(config, 'get', () => config.store.get(sealed.key))
        if (sealed.principal !== principal || (stored !== null && stored.principal !== principal)) {
          throw new SessionError('INVALID_HANDLE', 'that session does not belong to this principal', {
            status: 403,
          })
        }
      }
      if ((await destroy(sealed.key)) !== false) return
      // Gone already: perhaps regenerated to a new key since it was listed. Its continuation
      // keeps `createdAt` and the principal, and dies too.
      if (typeof config.store.listByPrincipal !== 'function') return
      const continued = (await liveSessions(sealed.principal)).filter(
        ({ session }) => session.createdAt === sealed.createdAt,
      )
      await Promise.all(continued.map(({ key }) => destroy(key)))
    },
  }
  return manager
}

/** True for an object made by `createSessionManager`. */
export function isSessionManager(value: unknown): value is SessionManager {
  return typeof value === 'object' && value !== null && managerBrand in value
}

/** What every adapter's `session(...)` accepts: options, or a manager to share. */
export function toSessionManager<Req>(
  optionsOrManager: SessionOptions<Req> | SessionManager,
): SessionManager {
  return isSessionManager(optionsOrManager) ? optionsOrManager : createSessionManager(optionsOrManager)
}

/** The store keys a session is known by in this request (before and after `regenerate()`). */
function keysOf(given: HttpSession | undefined): string[] {
  const session = (given as { [WRAPPED_SESSION]?: unknown } | undefined)?.[WRAPPED_SESSION] ?? given
  if (!(session instanceof Session)) return []
  return session.previous ? [session.storeKey, session.previous.key] : [session.storeKey]
}

function requireListing(store: SessionStore): NonNullable<SessionStore['listByPrincipal']> {
  if (typeof store.listByPrincipal !== 'function') {
    throw new SessionError('UNSUPPORTED', 'this store cannot list sessions by principal (no listByPrincipal)')
  }
  return store.listByPrincipal.bind(store)
}
