import type { SessionSummary } from '@fly-session/core'

/**
 * The playground's HTTP API, the same under every framework: `/<framework>/api/<route>`.
 * The page talks to it with `fetch`; the framework apps register these routes natively.
 */

/** The frameworks mounted on the playground's one server, each under `/<name>`. */
export const FRAMEWORKS = ['express', 'koa', 'h3', 'fastify', 'hono'] as const

/** One of {@link FRAMEWORKS}. */
export type Framework = (typeof FRAMEWORKS)[number]

/** What a request asks the playground service to do. */
export type ApiAction = 'state' | 'sessions' | 'signIn' | 'increment' | 'revoke' | 'signOutOthers' | 'signOut'

/** One route of the API, relative to the framework's mount point. */
export interface ApiRoute {
  method: 'GET' | 'POST'
  path: string
  action: ApiAction
}

/** Every route of the API. GETs change nothing; POSTs take a JSON body where they need input. */
export const API_ROUTES: readonly ApiRoute[] = [
  { method: 'GET', path: '/api/state', action: 'state' },
  { method: 'GET', path: '/api/sessions', action: 'sessions' },
  { method: 'POST', path: '/api/sign-in', action: 'signIn' },
  { method: 'POST', path: '/api/increment', action: 'increment' },
  { method: 'POST', path: '/api/revoke', action: 'revoke' },
  { method: 'POST', path: '/api/sign-out-others', action: 'signOutOthers' },
  { method: 'POST', path: '/api/sign-out', action: 'signOut' },
]

/** The mount point of a framework's app on the shared server. */
export function basePathOf(framework: Framework): string {
  return `/${framework}`
}

/** The route a request names, for frameworks that have no router of their own (Koa). */
export function findRoute(framework: Framework, method: string, path: string): ApiRoute | undefined {
  const base = basePathOf(framework)
  return API_ROUTES.find((route) => route.method === method && base + route.path === path)
}

/** Which store the playground runs on, as the page shows it. Never includes credentials. */
export interface StoreDescription {
  kind: 'memory' | 'redis'
  /** e.g. `MemoryStore` or `RedisStore at 127.0.0.1:6379`. */
  label: string
}

/** The shared counter, and who wrote it last. */
export interface CounterView {
  value: number
  lastWriter: Framework | null
}

/** Everything the page shows, as one framework's `GET /api/state` reports it. */
export type PlaygroundView =
  | { signedIn: false; store: StoreDescription; servedBy: Framework }
  | {
      signedIn: true
      store: StoreDescription
      servedBy: Framework
      name: string
      counter: CounterView
      /** The current session's times, epoch milliseconds. */
      session: { createdAt: number; lastAccessedAt: number; expiresAt: number }
      /** The live sessions of `name`, the current one marked `current`. */
      sessions: SessionSummary[]
    }
