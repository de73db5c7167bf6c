import type { Context } from 'koa'
import redisStore from 'koa-redis'
import createSession from 'koa-session'
import { BENCH_SECRET, type BenchAttributes, IDLE_SECONDS } from './contract'
import { redisUrl, storeMode } from './env'
import { koaApp } from './koa-app'
import { runServer, serve } from './runtime'
import { propertyView } from './views'

// `cookie`: the whole session in a signed cookie (koa-session's default). `redis`: the cookie
// holds an ID and the data lives in Redis through the koa-redis package, as its README sets it
// up (it opens its own ioredis client from the URL). No rolling or renewing, so an unmodified
// read writes nothing.
runServer(async () => {
  const mode = storeMode()
  if (mode !== 'cookie' && mode !== 'redis')
    throw new Error(`[bench] unknown koa-session mode ${JSON.stringify(mode)}`)
  const store = mode === 'redis' ? redisStore({ url: redisUrl() }) : undefined
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
        ...(store ? { store } : {}),
      },
      app,
    )
  })
  await serve(listener, {
    close: async () => {
      await store?.quit()
    },
  })
})
