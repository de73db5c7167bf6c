import type { IncomingMessage, ServerResponse } from 'node:http'
import { STATUS_CODES } from 'node:http'

import {
  type HttpSession,
  runSession,
  SessionError,
  type SessionManager,
  type SessionOptions,
  toSessionManager,
} from '@fly-session/core'
import { openNodeSession } from '@fly-session/core/node'
import type { H3Event } from 'h3'

/**
 * What `session()` needs to know of an h3 event, typed structurally so that one build accepts
 * the events of h3 1.x and h3 2.x (whichever `h3` the app installed).
 */
export interface H3EventLike {
  // `object`: the majors' context types share no declared property, and each allows any.
  context: object
}

/** Where the session lives on an event (what the `H3EventContext` augmentation declares). */
export type SessionContext = { session?: HttpSession }

/** h3 1.x: the Node request and response are the event's `node`, and middleware gets no `next`. */
interface NodeEvent extends H3EventLike {
  node: { req: IncomingMessage; res: ServerResponse }
}

/** h3 2.x: a web `Request`, response headers gathered on `event.res`, middleware `(event, next)`. */
interface WebEvent extends H3EventLike {
  req: Request
  res: { headers: Headers }
}

/**
 * The middleware `session()` returns. Register it with `app.use(...)` on either major; in a
 * Nuxt 4 / Nitro app, export it as the default of a `server/middleware/*.ts` file.
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
 * h3 1.x has already answered when a commit fails at the end of the response, and offers
 * middleware no way back into the app's error handler, so the 503 is written the way h3's
 * own `sendError` writes it.
 */
function answerCommitError(res: ServerResponse, error: unknown): void {
  const status = error instanceof SessionError ? error.status : 500
  res.removeHeader('content-length')
  res.statusCode = status
  res.setHeader('content-type', 'application/json')
  res.end(JSON.stringify({ statusCode: status, statusMessage: STATUS_CODES[status] }))
}

/**
 * h3 middleware for h3 1.15+ (Nuxt 4, Nitro 2) and h3 2 (Nitro 3): loads the request's session
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
  async function flySession(event: H3EventLike, next?: () => unknown): Promise<unknown> {
    if (manager.shouldSkip(event)) return next?.()
    if (isWebEvent(event)) {
      return runSession(
        manager,
        event.req.headers.get('cookie') ?? undefined,
        (loaded) => {
          Object.assign(event.context, { session: loaded } satisfies SessionContext)
          return next?.()
        },
        (cookie) => event.res.headers.append('set-cookie', cookie),
      )
    }
    const { req, res } = (event as NodeEvent).node
    const loaded = await openNodeSession(manager, req, res, (error) => answerCommitError(res, error))
    Object.assign(event.context, { session: loaded } satisfies SessionContext)
    // h3 1.x runs the next handler when a middleware returns undefined.
    return undefined
  }
  return Object.assign(flySession, { __is_handler__: true as const })
}
