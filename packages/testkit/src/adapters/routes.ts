import type { HttpSession, SessionManager } from '@fly-session/core'

import type { Gates } from './gates'

/** What a route sees of a request, whatever the framework. */
export interface RouteRequest {
  /** What the adapter attached (`req.session`, `ctx.session`, `event.context.session`). */
  session: HttpSession | undefined
  query: URLSearchParams
}

/**
 * What a route answers, for the framework app to send its own way: `json` (with, optionally, a
 * cookie of the app's own set through the framework's cookie API), a `redirect` through the
 * framework's redirect helper, or a `stream` of chunks sent as a streamed body.
 */
export type Reply =
  | { json: unknown; status?: number; cookie?: { name: string; value: string } }
  | { redirect: string }
  | { stream: AsyncIterable<string> }

/** One route, framework-free. Every route answers GET. */
export type Route = (request: RouteRequest) => Reply | Promise<Reply>

/** Path → route. A framework app registers each one under its path. */
export type Routes = Readonly<Record<string, Route>>

/** Query parameters that steer a route rather than name an attribute. */
const CONTROL_PARAMETERS = new Set(['gate', 'user'])

/** Requests whose path starts here are the ones the suite's `skip` predicate matches. */
export const SKIPPED_PREFIX = '/skipped/'

/**
 * The suite's `skip` predicate, given whatever native request the adapter passes: Express's
 * `req`, Koa's `ctx` and h3's events have a string `path`; Fastify's request has `url` (a path
 * with its query); a web `Request` has an absolute `url`; Hono's `Context` has `req.url`.
 */
export function isSkippedRequest(nativeRequest: unknown): boolean {
  const { path, url, req } = nativeRequest as { path?: unknown; url?: unknown; req?: { url?: unknown } }
  const href = [path, url, req?.url].find((value) => typeof value === 'string') as string | undefined
  return href !== undefined && new URL(href, 'http://localhost').pathname.startsWith(SKIPPED_PREFIX)
}

// Routes read and write arbitrary attribute names taken from the query.
function attributes(session: HttpSession): HttpSession<Record<string, unknown>> {
  return session as unknown as HttpSession<Record<string, unknown>>
}

/** A route of a request the adapter must have attached a session to. */
function withSession(route: (session: HttpSession, query: URLSearchParams) => Reply | Promise<Reply>): Route {
  return ({ session, query }) => {
    if (session === undefined) throw new Error('the adapter attached no session to this request')
    return route(session, query)
  }
}

/** The session as `/read` reports it: whether it is new, its principal, every attribute. */
function snapshot(session: HttpSession) {
  const view = attributes(session)
  return {
    isNew: session.isNew,
    principal: session.principal ?? null,
    attributes: Object.fromEntries(session.keys().map((name) => [name, view.get(name)])),
  }
}

/** The body `/read` and `/write` answer with. */
export type SessionSnapshot = ReturnType<typeof snapshot>

function writeQuery(session: HttpSession, query: URLSearchParams): void {
  for (const [name, value] of query) if (!CONTROL_PARAMETERS.has(name)) attributes(session).set(name, value)
}

/** Chunks with a macrotask between them, so a streamed body leaves in several writes. */
async function* slowly(chunks: readonly string[]): AsyncIterable<string> {
  for (const chunk of chunks) {
    await new Promise((resolve) => setImmediate(resolve))
    yield chunk
  }
}

/**
 * The fixed set of routes the behaviour suite (and the cross-framework test) needs, each framework
 * app registering them its own way. `manager` serves the principal routes; `gates` lets a test
 * hold a request after its session has loaded (`?gate=name`).
 */
export function behaviourRoutes(manager: SessionManager, gates: Gates): Routes {
  return {
    '/read': withSession((session) => ({ json: snapshot(session) })),
    '/write': withSession(async (session, query) => {
      await gates.pass(query.get('gate'))
      writeQuery(session, query)
      return { json: snapshot(session) }
    }),
    '/login': withSession((session, query) => {
      const user = query.get('user') ?? 'someone'
      session.regenerate()
      session.principal = user
      attributes(session).set('user', user)
      return { json: snapshot(session) }
    }),
    '/logout': withSession((session) => {
      session.invalidate()
      return { json: { loggedOut: true } }
    }),
    '/redirect-after-write': withSession((session, query) => {
      writeQuery(session, query)
      return { redirect: '/read' }
    }),
    '/stream': withSession((session, query) => {
      writeQuery(session, query)
      return { stream: slowly(['one', 'two', 'three']) }
    }),
    '/other-cookie': withSession((session, query) => {
      writeQuery(session, query)
      return { json: snapshot(session), cookie: { name: 'theme', value: 'dark' } }
    }),
    '/principal/sessions': withSession(async (current) => ({
      json: await manager.listSessions(current.principal ?? '', { current }),
    })),
    '/principal/invalidate-others': withSession(async (current) => ({
      json: { invalidated: await manager.invalidateAll(current.principal ?? '', { except: current }) },
    })),
    [`${SKIPPED_PREFIX}probe`]: ({ session }) => ({ json: { hasSession: session !== undefined } }),
  }
}
