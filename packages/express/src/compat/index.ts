import {
  DEFAULT_COOKIE_NAME,
  type HttpSession,
  isSessionManager,
  SessionConfigError,
  type SessionCookieOptions,
  type SessionData,
  type SessionManager,
  type SessionOptions,
  toSessionManager,
} from '@fly-session/core'
import { appendSetCookie, bindLifecycleToResponse, readCookieHeader } from '@fly-session/core/node'
import type { NextFunction, Request, RequestHandler, Response } from 'express'

import { SessionCookieView } from './cookie-view'
import type { SessionImporter } from './import-express-session'
import { CompatSessionState, type ExpressCompatSession } from './session-object'

export type { Callback, OldCookieScope } from '@fly-session/core/compat'
export * from '../core-exports'
export type { SessionCookieJSON, SessionCookieView } from './cookie-view'
export {
  type ExpressSessionImportOptions,
  type ExpressSessionRecord,
  type ExpressSessionStoreLike,
  fromExpressSession,
  type ImportedSessionData,
  type SessionImporter,
} from './import-express-session'
export type { ExpressCompatSession } from './session-object'

declare global {
  namespace Express {
    interface Request {
      /**
       * The request's session, shaped like express-session's: attributes as properties,
       * `regenerate`/`save`/`destroy`/`reload` with callbacks, `cookie`. Deleted by `destroy()`.
       */
      session: ExpressCompatSession & Partial<SessionData>
      /** The session ID, as express-session's `req.sessionID`. */
      sessionID: string
      /**
       * The same session as fly-session's `HttpSession`: `principal` (for `listSessions` and
       * `invalidateAll`), `get`/`set`, `isNew`, `expiresAt`.
       */
      flySession: HttpSession
    }
  }
}

/** What the compat `session()` takes on top of core's options. */
export interface CompatOptions {
  /** Carries sessions over from the framework you are leaving (see `fromExpressSession`). Off by default. */
  importFrom?: SessionImporter
}

/** Core's options plus the compat ones. */
export type CompatSessionOptions = SessionOptions<Request> & CompatOptions

/** With a shared manager: the compat options, plus what `req.session.cookie` reports. */
export interface CompatManagerOptions extends CompatOptions {
  /** The cookie options the manager was made with (the manager does not expose them). @default core's defaults */
  cookie?: SessionCookieOptions
}

interface Setup {
  manager: SessionManager
  cookie: SessionCookieOptions
  importer: SessionImporter | undefined
}

function setupOf(
  optionsOrManager: CompatSessionOptions | SessionManager,
  managerOptions: CompatManagerOptions,
): Setup {
  if (isSessionManager(optionsOrManager)) {
    return {
      manager: optionsOrManager,
      cookie: managerOptions.cookie ?? {},
      importer: managerOptions.importFrom,
    }
  }
  // The compat options are taken out: core rejects names it does not know.
  const { importFrom, ...options } = optionsOrManager
  return {
    manager: toSessionManager(options),
    cookie: options.cookie ?? {},
    importer: importFrom,
  }
}

/** Runs `beforeCommit` as the response ends, just before the native binding starts the commit. */
function beforeEnd(res: Response, state: CompatSessionState): void {
  const end = res.end
  res.end = function endAfterCompat(this: Response, ...args: unknown[]) {
    res.end = end
    state.beforeCommit()
    return end.apply(this, args as Parameters<Response['end']>)
  } as Response['end']
}

/**
 * express-session's middleware over fly-session: `req.session` behaves like express-session's
 * `Session` (see `ExpressCompatSession`), so passport, connect-flash, csrf-sync and your own
 * express-session code run unchanged, while every fly-session guarantee holds (signed random
 * IDs hashed in the store, one delta write per request, the write finished before the response
 * completes, no resurrection of a destroyed session). `req.flySession` is the native session.
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
): RequestHandler {
  const { manager, cookie, importer } = setupOf(optionsOrManager, managerOptions)
  if (importer !== undefined && importer.cookieName === (cookie.name ?? DEFAULT_COOKIE_NAME)) {
    throw new SessionConfigError(
      `the imported cookie "${importer.cookieName}" has fly-session's cookie name: give fly-session another cookie.name`,
    )
  }

  async function open(req: Request, res: Response, next: NextFunction): Promise<void> {
    const cookieHeader = readCookieHeader(req)
    const lifecycle = manager.begin(cookieHeader)
    const native = await lifecycle.load()
    if (importer !== undefined) {
      for (const expired of await importer.importInto(cookieHeader, native)) appendSetCookie(res, expired)
    }
    bindLifecycleToResponse(res, lifecycle, next)
    const state = new CompatSessionState({
      native,
      cookie: new SessionCookieView(() => native, cookie),
      loadStored: () => manager.begin(cookieHeader).load(),
      replace: (next) => {
        if (next === undefined) Reflect.deleteProperty(req, 'session')
        else req.session = next
      },
    })
    beforeEnd(res, state)
    req.flySession = native
    Object.defineProperty(req, 'sessionID', { configurable: true, enumerable: true, get: () => native.id })
    req.session = state.create()
  }

  return function flySessionCompat(req, res, next) {
    if (manager.shouldSkip(req)) return next()
    open(req, res, next).then(() => next(), next)
  }
}

export default session
