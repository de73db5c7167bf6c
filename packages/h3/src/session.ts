import { runSession, type SessionManager, type SessionOptions, toSessionManager } from '@fly-session/core'
import { openNodeSession } from '@fly-session/core/node'
import type { H3Event } from 'h3'

import { attachSession, type H3EventLike } from './context'
import type { NitroEventLike } from './nitro'
import { answerCommitError } from './node-error'

/** h3 1.x: the Node request and response are the event's `node`, and middleware gets no `next`. */
type NodeEvent = NitroEventLike

/** h3 2.x: a web `Request`, response headers gathered on `event.res`, middleware `(event, next)`. */
interface WebEvent extends H3EventLike {
  req: Request
  res: { headers: Headers }
}

/**
 * The middleware `session()` returns. Register it with `app.use(...)` on either major, or as the
 * default export of a Nitro 3 `middleware/*.ts` file. In Nitro 2 (Nuxt 4) use `nitroSession` or
 * `@fly-session/nuxt` instead: Nitro 2's in-process fetch does not wait for this middleware's save.
 */
export interface SessionMiddleware {
  (event: H3EventLike, next?: () => unknown): Promise<unknown>
  /** The mark `defineEventHandler` puts on a handler; h3 1.x's `app.use` looks for it. */
  readonly __is_handler__: true
}

// h3 2.x events carry a web Request. (They have a `node` too when served by Node, so that
// cannot tell the majors apart; h3 1.x's deprecated `event.req` is a Node IncomingMessage.)
function isWebEvent(event: H3EventLike): event is WebEvent {
  return typeof (event as Partial<WebEvent>).req?.headers?.get === 'function'
}

/**
 * h3 middleware for h3 1.15+ apps and h3 2 (Nitro 3): loads the request's session
 * onto `event.context.session` (also `getSession(event)`), adds its Set-Cookie header next to
 * any the app sets, and commits before the response completes (redirects and streamed bodies
 * included). The major is told per event: h3 2's events carry a web `Request`.
 *
 * Accepts options (a manager is created) or a `SessionManager` shared with other apps.
 * A store failure is thrown as `SessionStoreError` (`statusCode` 503) into h3's error handling;
 * on h3 1.x a failure of the final commit, after the handler has answered, is answered 503 by
 * the middleware itself.
 */
export function session(optionsOrManager: SessionOptions<H3Event> | SessionManager): SessionMiddleware {
  const manager = toSessionManager(optionsOrManager)
  // Not async: on h3 2 runSession's promise is returned as it is, with no async layer (a
  // promise and ticks) around it on every request.
  function flySession(event: H3EventLike, next?: () => unknown): Promise<unknown> {
    try {
      if (manager.shouldSkip(event)) return Promise.resolve(next?.())
      if (isWebEvent(event)) {
        return runSession(
          manager,
          event.req.headers.get('cookie') ?? undefined,
          (loaded) => {
            attachSession(event, loaded)
            return next?.()
          },
          (cookie) => event.res.headers.append('set-cookie', cookie),
        )
      }
      const { req, res } = (event as NodeEvent).node
      return openNodeSession(manager, req, res, (error) => answerCommitError(res, error)).then((loaded) => {
        attachSession(event, loaded)
        // h3 1.x runs the next handler when a middleware returns undefined.
        return undefined
      })
    } catch (error) {
      return Promise.reject(error)
    }
  }
  return Object.assign(flySession, { __is_handler__: true as const })
}
