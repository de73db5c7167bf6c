import type { Context } from 'hono'
import { CookieStore, MemoryStore, sessionMiddleware } from 'hono-sessions'
import { BENCH_SECRET, IDLE_SECONDS } from './contract'
import { storeMode } from './env'
import { honoApp } from './hono-app'
import { runServer, serve } from './runtime'
import { type GetSetSession, getSetView } from './views'

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
  // hono-sessions declares no context variable type of its own.
  const view = (c: Context) => getSetView(c.get('session' as never) as GetSetSession)
  await serve(honoApp(view, middleware))
})
