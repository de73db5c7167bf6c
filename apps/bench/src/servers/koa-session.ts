import { Redis } from 'ioredis'
import type { Context } from 'koa'
import createSession from 'koa-session'
import { BENCH_SECRET, type BenchAttributes, IDLE_SECONDS } from './contract'
import { redisUrl, storeMode } from './env'
import { koaApp } from './koa-app'
import { koaRedisStore } from './koa-redis-store'
import { runServer, serve } from './runtime'
import { propertyView } from './views'

// `cookie`: the whole session in a signed cookie (koa-session's default). `redis`: the cookie
// holds an ID and the data lives in Redis. No rolling or renewing, so an unmodified read writes nothing.
runServer(async () => {
  const mode = storeMode()
  if (mode !== 'cookie' && mode !== 'redis')
    throw new Error(`[bench] unknown koa-session mode ${JSON.stringify(mode)}`)
  const client = mode === 'redis' ? new Redis(redisUrl(), { lazyConnect: true }) : undefined
  await client?.connect()
  // Typed locally: koa-session's `Context.session` is not the declaration in scope here.
  const view = (ctx: Context) =>
    propertyView((ctx as unknown as { session: Partial<BenchAttributes> }).session)
  const listener = koaApp(view, (app) => {
    app.keys = [BENCH_SECRET]
    return createSession(
      {
        key: 'sid',
        maxAge: IDLE_SECONDS * 1000,
        signed: true,
        rolling: false,
        renew: false,
        ...(client ? { store: koaRedisStore(client) } : {}),
      },
      app,
    )
  })
  await serve(listener, {
    close: async () => {
      await client?.quit()
    },
  })
})
