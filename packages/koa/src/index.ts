import {
  type HttpSession,
  runSession,
  type SessionManager,
  type SessionOptions,
  toSessionManager,
} from '@fly-session/core'
import { readCookieHeader } from '@fly-session/core/node'
import type { Context, Middleware } from 'koa'

export * from './core-exports'

declare module 'koa' {
  interface DefaultContext {
    /**
     * The request's session, loaded by `session()` before the middleware after it runs.
     * Attributes are typed by declaring `FlySession.SessionData`. Not set on requests `skip` matched.
     */
    session: HttpSession
  }
}

/**
 * Koa 2 and 3 middleware: loads the request's session onto `ctx.session`, and once the
 * middleware after it has settled, commits it and appends its Set-Cookie header (next to any
 * cookies the app set). Koa writes the response only after that, so redirects and streamed
 * bodies never reach the client before the store has the changes.
 *
 * Accepts options (a manager is created) or a `SessionManager` shared with other apps.
 * A store failure is thrown as `SessionStoreError` (`status` 503, `expose` false): Koa answers
 * 503, and an error-handling middleware above this one can catch it.
 *
 * @example
 * app.use(session({ store: new RedisStore({ client: new Redis() }), secret: process.env.SESSION_SECRET! }))
 */
export function session(optionsOrManager: SessionOptions<Context> | SessionManager): Middleware {
  const manager = toSessionManager(optionsOrManager)
  // Not async: runSession's promise is returned as it is, with no async layer (a promise and
  // ticks) around it on every request. Koa turns a synchronous throw into a rejection.
  return function flySession(ctx, next) {
    if (manager.shouldSkip(ctx)) return next()
    return runSession(
      manager,
      readCookieHeader(ctx.req),
      (loaded) => {
        ctx.session = loaded
        return next()
      },
      (cookie) => ctx.append('Set-Cookie', cookie),
    )
  }
}
