import type { HttpSession } from '@fly-session/core'
import type { BenchAttributes, SessionView } from './contract'

// How each library's session object maps onto the view the shared routes use.

/** fly-session: `get` / `set` on an `HttpSession`. */
export function flyView(session: HttpSession): SessionView {
  return {
    get: (name) => session.get(name),
    set(values) {
      if (values.user !== undefined) session.set('user', values.user)
      if (values.counter !== undefined) session.set('counter', values.counter)
    },
  }
}

/** express-session and koa-session: attributes are plain properties of the session object. */
export function propertyView(data: Partial<BenchAttributes>): SessionView {
  return {
    get: (name) => data[name],
    set(values) {
      Object.assign(data, values)
    },
  }
}

/** h3's `useSession` (v1 and v2): data on `.data`, and `update` reseals the cookie. */
export function sealedView(session: {
  data: Partial<BenchAttributes>
  update(values: Partial<BenchAttributes>): Promise<unknown>
}): SessionView {
  return {
    get: (name) => session.data[name],
    async set(values) {
      await session.update(values)
    },
  }
}

/** A session object with `get(name)` / `set(name, value)`: @fastify/session, and hono-sessions (whose `get` answers null when unset). */
export interface GetSetSession {
  get(name: keyof BenchAttributes): unknown
  set(name: keyof BenchAttributes, value: BenchAttributes[keyof BenchAttributes]): void
}

/** @fastify/session and hono-sessions: attributes through `get` / `set`. */
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
