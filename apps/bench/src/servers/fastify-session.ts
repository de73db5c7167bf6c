import fastifyCookie from '@fastify/cookie'
import fastifySession from '@fastify/session'
import { RedisStore } from 'connect-redis'
import { createClient } from 'redis'
import { BENCH_SECRET, IDLE_SECONDS } from './contract'
import { redisUrl, storeMode } from './env'
import { fastifyApp } from './fastify-app'
import { runServer, serve } from './runtime'
import { type GetSetSession, getSetView } from './views'

// @fastify/session 11 as its README sets it up, with the settings a careful user picks: no empty
// sessions stored, no cookie on every response, the cookie's lifetime matching fly-session's idle
// timeout. Its default in-memory store (`memory`), or connect-redis over node-redis (`redis`), the
// store its README recommends. `secure: false`: the bench speaks plain HTTP.
runServer(async () => {
  const mode = storeMode()
  if (mode !== 'memory' && mode !== 'redis') {
    throw new Error(`[bench] unknown @fastify/session store mode ${JSON.stringify(mode)}`)
  }
  const client = mode === 'redis' ? createClient({ url: redisUrl() }) : undefined
  await client?.connect()
  const listener = await fastifyApp(
    (request) => getSetView((request as unknown as { session: GetSetSession }).session),
    async (app) => {
      await app.register(fastifyCookie)
      await app.register(fastifySession, {
        secret: BENCH_SECRET,
        cookieName: 'sid',
        saveUninitialized: false,
        rolling: false,
        ...(client ? { store: new RedisStore({ client }) } : {}),
        cookie: { maxAge: IDLE_SECONDS * 1000, httpOnly: true, sameSite: 'lax', secure: false },
      })
    },
  )
  await serve(listener, client ? { close: async () => void (await client.quit()) } : {})
})
