import type { RequestListener } from 'node:http'
import { getRequestListener } from '@hono/node-server'
import { type Context, Hono, type MiddlewareHandler } from 'hono'
import type { SessionView } from './contract'
import { BENCH_SECRET, type Binding, type GetSetSession, getSetView, IDLE_SECONDS, routes } from './contract'
import { floorApp, flyApp, runServer } from './runtime'

/** The benchmark routes on Hono 4, behind `middleware` (the session library, if any), served by `@hono/node-server`. */
function honoApp(binding?: Binding<Context>, middleware?: MiddlewareHandler): RequestListener {
  const app = new Hono()
  if (middleware) app.use(middleware)
  for (const [method, path, handle] of routes(binding, (c) => c.req.query('token')))
    app[method](path, async (c) => c.json(await handle(c)))
  return getRequestListener(app.fetch) as RequestListener
}

runServer({
  raw: () => ({ listener: honoApp() }),
  floor: () =>
    floorApp((load) =>
      honoApp(
        (c) => c.get('floorSession' as never) as SessionView,
        async (c, next) => {
          const setCookie = (cookie: string) => c.header('set-cookie', cookie, { append: true })
          c.set('floorSession' as never, (await load(c.req.header('cookie'), setCookie)) as never)
          await next()
        },
      ),
    ),
  // The Web-standard adapter.
  'fly-session': (mode) =>
    flyApp(mode, async (options) => {
      const { session } = await import('@fly-session/fetch/hono')
      return honoApp((c) => getSetView(c.get('session')), session(options))
    }),
  // hono-sessions 0.8 (the most used Hono session library) as its README sets it up: its
  // MemoryStore (`memory`, the session ID in an encrypted cookie) or its CookieStore (`cookie`, the
  // whole session encrypted into the cookie). It has no Redis store of its own. `secure: false`:
  // the bench speaks plain HTTP.
  'hono-sessions': async (mode) => {
    const { CookieStore, MemoryStore, sessionMiddleware } = await import('hono-sessions')
    const middleware = sessionMiddleware({
      store: mode === 'memory' ? new MemoryStore() : new CookieStore(),
      encryptionKey: BENCH_SECRET,
      expireAfterSeconds: IDLE_SECONDS,
      sessionCookieName: 'sid',
      cookieOptions: { path: '/', httpOnly: true, sameSite: 'Lax', secure: false },
    })
    // hono-sessions declares no context variable type of its own.
    return { listener: honoApp((c) => getSetView(c.get('session' as never) as GetSetSession), middleware) }
  },
})
