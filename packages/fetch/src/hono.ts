import {
  type HttpSession,
  runSession,
  SessionError,
  type SessionManager,
  type SessionOptions,
  toSessionManager,
} from '@fly-session/core'
import type { Context, MiddlewareHandler } from 'hono'

export * from './core-exports'

/** What the middleware puts on the context: `c.get('session')`. */
export interface SessionVariables {
  session: HttpSession
}

/** Hono's environment for apps that declare their variables: `new Hono<SessionEnv>()`. */
export type SessionEnv = { Variables: SessionVariables }

declare module 'hono' {
  interface ContextVariableMap {
    /**
     * The request's session, set by `session()` before later handlers run. Attributes are
     * typed by declaring `FlySession.SessionData`. Not set on requests the `skip` option matched.
     */
    session: HttpSession
  }
}

const STATUS_TEXT: Readonly<Record<number, string>> = { 503: 'Service Unavailable' }

/**
 * Hono's default error handler answers an error's own response when it has `getResponse()`
 * (as `HTTPException` does); without one every error is a 500. The error stays the
 * `SessionError` it was, for an `app.onError` that matches on `code`.
 */
function withResponse(error: unknown): unknown {
  if (error instanceof SessionError && !('getResponse' in error)) {
    const text = STATUS_TEXT[error.status] ?? 'Internal Server Error'
    Object.defineProperty(error, 'getResponse', {
      value: () =>
        new Response(text, {
          status: error.status,
          headers: { 'content-type': 'text/plain', 'cache-control': 'no-store' },
        }),
    })
  }
  return error
}

/**
 * Hono 4 middleware: loads the request's session onto `c.get('session')`, commits it after the
 * handlers have produced the response and before Hono hands it to the platform (redirects and
 * streamed bodies included), and appends its Set-Cookie header next to any the app sets. Runs
 * wherever Hono runs: Node (`@hono/node-server`), Bun, Deno, workers.
 *
 * Accepts options (a manager is created) or a `SessionManager` shared with other apps. The
 * `skip` option receives Hono's `Context`. A store failure is thrown as `SessionStoreError`
 * (`status` 503) into `app.onError`; Hono's default handler answers it with 503.
 *
 * @example
 * app.use(session({ store: new RedisStore({ client: new Redis() }), secret: process.env.SESSION_SECRET! }))
 */
export function session(
  optionsOrManager: SessionOptions<Context<SessionEnv>> | SessionManager,
): MiddlewareHandler<SessionEnv> {
  const manager = toSessionManager(optionsOrManager)
  return async function flySession(c, next) {
    if (manager.shouldSkip(c)) return next()
    try {
      await runSession(
        manager,
        c.req.header('cookie'),
        (loaded) => {
          c.set('session', loaded)
          return next()
        },
        (cookie) => c.header('set-cookie', cookie, { append: true }),
      )
    } catch (error) {
      // Hono copies the headers of the response already on the context into the error response:
      // drop that response, so a handler's Location or cookies do not ride on the 503.
      if (error instanceof SessionError) c.res = undefined as unknown as Response
      throw withResponse(error)
    }
  }
}
