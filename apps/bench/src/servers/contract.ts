/**
 * What every benchmark server serves, whatever its framework and session library: the same three
 * routes with the same JSON bodies, so only the session work differs between variants.
 */

/**
 * Route paths. POST `seed` writes `user` (from the `token` query parameter) and `counter = 0`
 * and sets the session cookie; GET `read` reads one attribute (`user`) and writes nothing; POST
 * `increment` increments `counter`: a modifying request.
 */
export const ROUTES = { seed: '/seed', read: '/read', increment: '/increment' } as const

/** The attributes a benchmark session holds: small, like a typical logged-in user's session. */
export interface BenchAttributes {
  user: string
  counter: number
}

/**
 * A loaded session as a route sees it. Each session library gets a tiny binding to this shape;
 * the routes below are shared, so no variant does more (or less) route work than another.
 */
export interface SessionView {
  get<K extends keyof BenchAttributes>(name: K): BenchAttributes[K] | undefined
  /** May be async: h3's `useSession` reseals the cookie on update. */
  set(values: Partial<BenchAttributes>): void | Promise<void>
}

/** Loads the session of one request (`ctx` is the framework's native request/context). */
export type Binding<Ctx> = (ctx: Ctx) => SessionView | Promise<SessionView>

/** Secret for every library that signs or seals: fixed, as results must not depend on it. */
export const BENCH_SECRET = 'bench-secret-0123456789abcdef-0123456789abcdef'

/** Session lifetime for every library, in seconds (fly-session's default idle timeout). */
export const IDLE_SECONDS = 1800
/** Absolute session lifetime, in seconds (fly-session's default). */
export const ABSOLUTE_SECONDS = 86_400

/** h3's `useSession` settings (v1 and v2; v1 has no idle timeout): the data sealed into the cookie. */
export const SEALED = { name: 'sid', password: BENCH_SECRET, maxAge: ABSOLUTE_SECONDS }

/** The raw servers' view: no session at all, the same route work otherwise. */
const NO_SESSION: SessionView = Object.freeze({ get: () => undefined, set: () => undefined })

/**
 * The three routes as `[method, path, handler]` for a framework to mount: each handler loads the
 * request's session through `binding` (none: the raw servers') and returns the JSON body.
 * `tokenOf` reads the seed route's `token` query parameter.
 */
export function routes<Ctx>(
  binding: Binding<Ctx> | undefined,
  tokenOf: (ctx: Ctx) => unknown,
): ReadonlyArray<readonly ['get' | 'post', string, (ctx: Ctx) => Promise<object>]> {
  const load = binding ?? (() => NO_SESSION)
  const seed = async (ctx: Ctx) => {
    const view = await load(ctx)
    await view.set({ user: String(tokenOf(ctx)), counter: 0 })
    return { ok: true }
  }
  const read = async (ctx: Ctx) => ({ user: (await load(ctx)).get('user') ?? null })
  const increment = async (ctx: Ctx) => {
    const view = await load(ctx)
    const counter = (view.get('counter') ?? 0) + 1
    await view.set({ counter })
    return { counter }
  }
  return [
    ['post', ROUTES.seed, seed],
    ['get', ROUTES.read, read],
    ['post', ROUTES.increment, increment],
  ]
}

// How each library's session object maps onto the view the routes use.

/** A session object with `get(name)` / `set(name, value)`: fly-session's `HttpSession`, @fastify/session, and hono-sessions (whose `get` answers null when unset). */
export interface GetSetSession {
  get(name: keyof BenchAttributes): unknown
  set(name: keyof BenchAttributes, value: BenchAttributes[keyof BenchAttributes]): void
}

/** fly-session, @fastify/session and hono-sessions: attributes through `get` / `set`. */
export function getSetView(session: GetSetSession): SessionView {
  return {
    get: <K extends keyof BenchAttributes>(name: K) =>
      (session.get(name) ?? undefined) as BenchAttributes[K] | undefined,
    set(values) {
      if (values.user !== undefined) session.set('user', values.user)
      if (values.counter !== undefined) session.set('counter', values.counter)
    },
  }
}

/** express-session, koa-session and fly-session's compat layer: attributes are plain properties of the session object. */
export function propertyView(data: unknown): SessionView {
  const attributes = data as Partial<BenchAttributes>
  return { get: (name) => attributes[name], set: (values) => void Object.assign(attributes, values) }
}

/** h3's `useSession` (v1 and v2): data on `.data`, and `update` reseals the cookie. */
export function sealedView(session: {
  data: Partial<BenchAttributes>
  update(values: object): Promise<unknown>
}): SessionView {
  return { get: (name) => session.data[name], set: async (values) => void (await session.update(values)) }
}
