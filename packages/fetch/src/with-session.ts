import {
  type HttpSession,
  runSession,
  type SessionManager,
  type SessionOptions,
  SessionStateError,
  toSessionManager,
} from '@fly-session/core'

/** A Web-standard handler: a `Request` (and whatever the platform passes after it) in, a `Response` out. */
export type FetchHandler<R extends Request = Request, Rest extends unknown[] = unknown[]> = (
  request: R,
  ...rest: Rest
) => Response | Promise<Response>

// Keyed by the Request object itself, so no platform needs a context object to carry the session.
const sessions = new WeakMap<Request, HttpSession>()

/**
 * The session `withSession` loaded for this request. Throws `SessionStateError` when there is
 * none: the handler is not wrapped by `withSession`, `skip` matched the request, or `request`
 * is a different object (a clone) than the one the wrapper received.
 */
export function getSession(request: Request): HttpSession {
  const found = sessions.get(request)
  if (found === undefined) {
    throw new SessionStateError(
      'no session for this request: wrap the handler with withSession() (requests skip matches have none)',
    )
  }
  return found
}

/**
 * Adds the cookie to the handler's response. `Response.redirect()` and responses from `fetch()`
 * have immutable headers; those are copied into a new Response around the same body.
 */
function withCookie(response: Response, cookie: string): Response {
  try {
    response.headers.append('set-cookie', cookie)
    return response
  } catch {
    const copy = new Response(response.body, response)
    copy.headers.append('set-cookie', cookie)
    return copy
  }
}

/**
 * Wraps a Web-standard handler (`Bun.serve`'s and `Deno.serve`'s `fetch`, a Next.js or
 * SvelteKit route handler, an Astro endpoint, ...): loads the session before the handler runs
 * (read it with `getSession(request)`), commits it once the handler has returned its
 * `Response`, before the platform sends it (redirects and streamed bodies included), and adds
 * its Set-Cookie header next to any the handler set. Only Web APIs on the request path.
 *
 * A store failure rejects with `SessionStoreError` (`status` 503) for the platform's error
 * handler (`Bun.serve({ error })`, `Deno.serve({ onError })`); no cookie is sent. An error the
 * handler throws is rethrown as it was, after the changes made before it are committed.
 *
 * @example
 * export default { fetch: withSession((request) => Response.json({ views: getSession(request).get('views') }), options) }
 */
export function withSession<R extends Request, Rest extends unknown[]>(
  handler: FetchHandler<R, Rest>,
  optionsOrManager: SessionOptions<R> | SessionManager,
): (request: R, ...rest: Rest) => Promise<Response> {
  const manager = toSessionManager(optionsOrManager)
  return async function withFlySession(request, ...rest) {
    if (manager.shouldSkip(request)) return handler(request, ...rest)
    let cookie: string | undefined
    const response = await runSession(
      manager,
      request.headers.get('cookie') ?? undefined,
      (session) => {
        sessions.set(request, session)
        return handler(request, ...rest)
      },
      (value) => {
        cookie = value
      },
    )
    // Bun's `server.upgrade()` handlers return no Response: nothing to add a cookie to.
    return cookie === undefined || !(response instanceof Response) ? response : withCookie(response, cookie)
  }
}
