import type { Context } from 'hono'
import { CookieStore, MemoryStore, type Session, sessionMiddleware } from 'hono-sessions'
import { BENCH_SECRET, type BenchAttributes, IDLE_SECONDS, type SessionView } from './contract'
import { storeMode } from './env'
import { honoApp } from './hono-app'
import { runServer, serve } from './runtime'

/** hono-sessions' `get` / `set` (`get` answers null for a missing value). */
function honoSessionsView(session: Session<BenchAttributes>): SessionView {
  return {
    get: (name) => session.get(name) ?? undefined,
    set(values) {
      if (values.user !== undefined) session.set('user', values.user)
      if (values.counter !== undefined) session.set('counter', values.counter)
    },
  }
}

// hono-sessions 0.8 (the most used Hono session library) as its README sets it up: its
// MemoryStore (`memory`, the session ID in an encrypted cookie) or its CookieStore (`cookie`, the
// whole session encrypted into the cookie). It has no Redis store of its own. `secure: false`:
// the bench speaks plain HTTP.
runServer(async () => {
  const mode = storeMode()
  if (mode !== 'memory' && mode !== 'cookie') {
    throw new Error(`[bench] unknown hono-sessions store mode ${JSON.stringify(mode)}`)
  }
  const middleware = sessionMiddleware({
    store: mode === 'memory' ? new MemoryStore() : new CookieStore(),
    encryptionKey: BENCH_SECRET,
    expireAfterSeconds: IDLE_SECONDS,
    sessionCookieName: 'sid',
    cookieOptions: { path: '/', httpOnly: true, sameSite: 'Lax', secure: false },
  })
  const view = (c: Context) => honoSessionsView(c.get('session' as never) as Session<BenchAttributes>)
  await serve(honoApp(view, middleware))
})
