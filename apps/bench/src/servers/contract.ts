/**
 * What every benchmark server serves, whatever its framework and session library: the same three
 * routes with the same JSON bodies, so only the session work differs between variants.
 */

/** Route paths. `seed` and `increment` are POST, `read` is GET. */
export const ROUTES = {
  /** Writes `user` (from the `token` query parameter) and `counter = 0`; sets the session cookie. */
  seed: '/seed',
  /** Reads one attribute (`user`) and writes nothing. */
  read: '/read',
  /** Increments `counter`: a modifying request. */
  increment: '/increment',
} as const

/** The attributes a benchmark session holds: small, like a typical logged-in user's session. */
export interface BenchAttributes {
  user: string
  counter: number
}

/**
 * A loaded session as a route sees it. Each session library gets a tiny binding to this shape;
 * the handlers below are shared, so no variant does more (or less) route work than another.
 */
export interface SessionView {
  get<K extends keyof BenchAttributes>(name: K): BenchAttributes[K] | undefined
  /** May be async: h3's `useSession` reseals the cookie on update. */
  set(values: Partial<BenchAttributes>): void | Promise<void>
}

/** Loads the session of one request (`ctx` is the framework's native request/context). */
export type SessionBinding<Ctx> = (ctx: Ctx) => SessionView | Promise<SessionView>

/** Secret for every library that signs or seals: fixed, as results must not depend on it. */
export const BENCH_SECRET = 'bench-secret-0123456789abcdef-0123456789abcdef'

/** Session lifetime for every library, in seconds (fly-session's default idle timeout). */
export const IDLE_SECONDS = 1800
/** Absolute session lifetime, in seconds (fly-session's default). */
export const ABSOLUTE_SECONDS = 86_400

/** POST /seed body. */
export async function seedRoute(view: SessionView, token: unknown): Promise<{ ok: true }> {
  await view.set({ user: String(token), counter: 0 })
  return { ok: true }
}

/** GET /read body. */
export function readRoute(view: SessionView): { user: string | null } {
  return { user: view.get('user') ?? null }
}

/** POST /increment body. */
export async function incrementRoute(view: SessionView): Promise<{ counter: number }> {
  const counter = (view.get('counter') ?? 0) + 1
  await view.set({ counter })
  return { counter }
}

const NO_SESSION: SessionView = Object.freeze({ get: () => undefined, set: () => undefined })

/** The raw servers' binding: no session at all, the same route work otherwise. */
export const noSession: SessionBinding<unknown> = () => NO_SESSION
