import {
  DEFAULT_COOKIE_NAME,
  type HttpSession,
  isSessionManager,
  runSession,
  SessionConfigError,
  type SessionData,
  type SessionManager,
  type SessionOptions,
  toSessionManager,
} from '@fly-session/core'
import { readCookieHeader } from '@fly-session/core/node'
import type { Context, Middleware } from 'koa'

import type { KoaSessionImporter } from './import-koa-session'
import { type KoaCompatSession, KoaCompatState } from './session-object'

export type { Callback, OldCookieScope } from '@fly-session/core/compat'
export * from '../core-exports'
export {
  fromKoaSession,
  type ImportedSessionData,
  type KoaSessionImporter,
  type KoaSessionImportOptions,
  type KoaSessionStoreLike,
} from './import-koa-session'
export type { KoaCompatSession } from './session-object'

declare module 'koa' {
  interface DefaultContext {
    /**
     * The request's session, shaped like koa-session's: attributes as properties, `save`,
     * `regenerate`, `maxAge`, `isNew`. Assign `null` to destroy it (it then reads `null`).
     */
    get session(): (KoaCompatSession & Partial<SessionData>) | null
    set session(value: Record<string, unknown> | null)
    /** koa-session's `ctx.regenerateSession()`: a new session ID, data kept. */
    regenerateSession(): Promise<void>
    /** The same session as fly-session's `HttpSession` (`principal`, `listSessions`, `invalidateAll`). */
    flySession: HttpSession
  }
}

/** What the compat `session()` takes on top of core's options. */
export interface CompatOptions {
  /** Carries sessions over from koa-session (see `fromKoaSession`). Off by default. */
  importFrom?: KoaSessionImporter
}

/** Core's options plus the compat ones. */
export type CompatSessionOptions = SessionOptions<Context> & CompatOptions

/** With a shared manager: the compat options, plus what the manager was made with. */
export interface CompatManagerOptions extends CompatOptions {
  /** The manager's cookie name (to check it differs from the imported one). @default 'sid' */
  cookieName?: string
  /** The manager's `cookie.persistent`. @default true */
  persistent?: boolean
}

interface Setup {
  manager: SessionManager
  cookieName: string
  persistent: boolean
  importer: KoaSessionImporter | undefined
}

function setupOf(
  optionsOrManager: CompatSessionOptions | SessionManager,
  extra: CompatManagerOptions,
): Setup {
  if (isSessionManager(optionsOrManager)) {
    return {
      manager: optionsOrManager,
      cookieName: extra.cookieName ?? DEFAULT_COOKIE_NAME,
      persistent: extra.persistent ?? true,
      importer: extra.importFrom,
    }
  }
  // The compat options are taken out: core rejects names it does not know.
  const { importFrom, ...options } = optionsOrManager
  return {
    manager: toSessionManager(options),
    cookieName: options.cookie?.name ?? DEFAULT_COOKIE_NAME,
    persistent: options.cookie?.persistent ?? true,
    importer: importFrom,
  }
}

function attach(ctx: Context, state: KoaCompatState, native: HttpSession): void {
  Object.defineProperty(ctx, 'session', {
    configurable: true,
    enumerable: true,
    get: () => state.get(),
    set: (value: unknown) => state.set(value),
  })
  ctx.flySession = native
  ctx.regenerateSession = () => {
    const current = state.get()
    return current === null ? Promise.resolve() : current.regenerate()
  }
}

/**
 * koa-session's middleware over fly-session: `ctx.session` behaves like koa-session's session
 * (see `KoaCompatSession`), so koa-passport and your koa-session code run unchanged, while every
 * fly-session guarantee holds (signed random IDs hashed in the store, one delta write per
 * request, finished before Koa writes the response). `ctx.flySession` is the native session.
 *
 * Takes `session()`'s options plus `importFrom`, or a shared `SessionManager` and the compat
 * options as the second argument.
 *
 * @example
 * app.use(session({ store: new RedisStore({ client: new Redis() }), secret: process.env.SESSION_SECRET! }))
 */
export function session(
  optionsOrManager: CompatSessionOptions | SessionManager,
  managerOptions: CompatManagerOptions = {},
): Middleware {
  const { manager, cookieName, persistent, importer } = setupOf(optionsOrManager, managerOptions)
  if (importer !== undefined && importer.cookieName === cookieName) {
    throw new SessionConfigError(
      `the imported cookie "${importer.cookieName}" has fly-session's cookie name: give fly-session another cookie.name`,
    )
  }
  return async function flySessionCompat(ctx, next) {
    if (manager.shouldSkip(ctx)) return next()
    const cookieHeader = readCookieHeader(ctx.req)
    await runSession(
      manager,
      cookieHeader,
      async (native) => {
        if (importer !== undefined) {
          for (const expired of await importer.importInto(ctx, cookieHeader, native))
            ctx.append('Set-Cookie', expired)
        }
        const state = new KoaCompatState({ native, browserSession: !persistent })
        attach(ctx, state, native)
        await next()
      },
      (cookie) => ctx.append('Set-Cookie', cookie),
    )
  }
}

export default session
