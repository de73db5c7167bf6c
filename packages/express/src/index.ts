import {
  type HttpSession,
  type SessionManager,
  type SessionOptions,
  toSessionManager,
} from '@fly-session/core'
import { openNodeSession, setRequestSession } from '@fly-session/core/node'
import type { Request, RequestHandler } from 'express'

export * from './core-exports'

declare global {
  namespace Express {
    interface Request {
      /**
       * The request's session, loaded by `session()` before your handlers run. Attributes are
       * typed by declaring `FlySession.SessionData`. Not set on requests the `skip` option matched.
       */
      session: HttpSession
    }
  }
}

/**
 * Express 4 and 5 middleware: loads the request's session onto `req.session`, adds its
 * Set-Cookie header next to any the app sets, and holds the end of the response until the
 * store has the changes (redirects and streamed bodies included).
 *
 * Accepts options (a manager is created) or a `SessionManager` shared with other apps.
 * A store failure goes to `next(err)` as `SessionStoreError` (`status` 503), so Express's
 * default handler answers 503 and your error middleware sees `err.code === 'STORE_UNAVAILABLE'`.
 *
 * @example
 * app.use(session({ store: new RedisStore({ client: new Redis() }), secret: process.env.SESSION_SECRET! }))
 */
export function session(optionsOrManager: SessionOptions<Request> | SessionManager): RequestHandler {
  const manager = toSessionManager(optionsOrManager)
  return function flySession(req, res, next) {
    if (manager.shouldSkip(req)) return next()
    openNodeSession(manager, req, res, next).then((opened) => {
      setRequestSession(req, opened)
      next()
    }, next)
  }
}
