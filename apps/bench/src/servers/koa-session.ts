import { Redis } from 'ioredis'
import type { Context } from 'koa'
import createSession from 'koa-session'
import { BENCH_SECRET, type BenchAttributes, IDLE_SECONDS, type SessionView } from './contract'
import { redisUrl, storeMode } from './env'
import { koaApp } from './koa-app'
import { koaRedisStore } from './koa-redis-store'
import { runServer, serve } from './runtime'

/** koa-session keeps attributes as properties of `ctx.session`. */
function view(ctx: Context): SessionView {
  // Typed locally: koa-session's `Context.session` declaration is not the one in scope here.
  const data = (ctx as unknown as { session: Partial<BenchAttributes> }).session
  return {
    get: (name) => data[name],
    set(values) {
      Object.assign(data, values)
    },
  }
}

// `cookie`: the whole session in a signed cookie (koa-session's default). `redis`: the cookie
// holds an ID and the data lives in Redis. No rolling or renewing, so an unmodified read writes nothing.
runServer(async () => {
  const mode = storeMode()
  if (mode !== 'cookie' && mode !== 'redis')
    throw new Error(`[bench] unknown koa-session mode ${JSON.stringify(mode)}`)
  const client = mode === 'redis' ? new Redis(redisUrl(), { lazyConnect: true }) : undefined
  await client?.connect()
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
