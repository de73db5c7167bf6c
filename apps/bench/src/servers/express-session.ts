import { RedisStore } from 'connect-redis'
import type { Request } from 'express'
import session, { type Store } from 'express-session'
import { createClient } from 'redis'
import { BENCH_SECRET, type BenchAttributes, IDLE_SECONDS } from './contract'
import { redisUrl, storeMode } from './env'
import { expressApp } from './express-app'
import { runServer, serve } from './runtime'
import { propertyView } from './views'

/** express-session's own MemoryStore (`memory`), or connect-redis over node-redis (`redis`), as documented. */
async function storeFor(mode: string): Promise<{ store?: Store; close?: () => Promise<void> }> {
  if (mode === 'memory') return {}
  if (mode !== 'redis') throw new Error(`[bench] unknown express-session store mode ${JSON.stringify(mode)}`)
  const client = createClient({ url: redisUrl() })
  await client.connect()
  return {
    store: new RedisStore({ client }),
    close: async () => {
      await client.quit()
    },
  }
}

// The settings a careful user picks: no save on unmodified sessions, no empty sessions stored,
// the cookie's lifetime matching fly-session's idle timeout. `secure: false` because the bench
// speaks plain HTTP and express-session would otherwise refuse to set the cookie.
runServer(async () => {
  const { store, close } = await storeFor(storeMode())
  const middleware = session({
    secret: BENCH_SECRET,
    name: 'sid',
    resave: false,
    saveUninitialized: false,
    ...(store ? { store } : {}),
    cookie: { maxAge: IDLE_SECONDS * 1000, httpOnly: true, sameSite: 'lax', secure: false },
  })
  // Typed locally: express-session's global `Request.session` is not the declaration in scope here.
  const view = (req: Request) =>
    propertyView((req as unknown as { session: Partial<BenchAttributes> }).session)
  await serve(expressApp(view, middleware), close ? { close } : {})
})
