import type { RequestListener } from 'node:http'
import Koa, { type Context, type Middleware } from 'koa'
import { BENCH_SECRET, type Binding, getSetView, IDLE_SECONDS, propertyView, routes } from './contract'
import { floorApp, flyApp, redisUrl, runServer } from './runtime'

/**
 * The benchmark routes on Koa 3 as a Node listener, behind the middleware `install` returns (the
 * session library, if any; it gets the app because koa-session needs it). Routing is a plain
 * dispatch rather than a router package: Koa has none built in, and every Koa variant pays the same.
 */
function koaApp(binding?: Binding<Context>, install?: (app: Koa) => Middleware): RequestListener {
  const app = new Koa()
  if (install) app.use(install(app))
  const table = routes(binding, (ctx) => ctx.query.token).map(
    ([method, path, handle]) => [method.toUpperCase(), path, handle] as const,
  )
  app.use(async (ctx) => {
    const route = table.find(([method, path]) => method === ctx.method && path === ctx.path)
    if (route) ctx.body = await route[2](ctx)
    else ctx.status = 404
  })
  return app.callback()
}

runServer({
  raw: () => ({ listener: koaApp() }),
  floor: () =>
    floorApp((load) =>
      koaApp(
        (ctx) => ctx.state.session,
        () => async (ctx, next) => {
          ctx.state.session = await load(ctx.headers.cookie, (c) => ctx.append('set-cookie', c))
          await next()
        },
      ),
    ),
  'fly-session': (mode) =>
    flyApp(mode, async (options) => {
      const { session } = await import('@fly-session/koa')
      return koaApp(
        (ctx) => getSetView(ctx.session),
        () => session(options),
      )
    }),
  // `cookie`: the whole session in a signed cookie (koa-session's default). `redis`: the cookie
  // holds an ID and the data lives in Redis through the koa-redis package, as its README sets it
  // up (it opens its own ioredis client from the URL). No rolling or renewing, so an unmodified
  // read writes nothing.
  'koa-session': async (mode) => {
    const [{ default: createSession }, { default: redisStore }] = await Promise.all([
      import('koa-session'),
      import('koa-redis'),
    ])
    const store = mode === 'redis' ? redisStore({ url: redisUrl() }) : undefined
    const listener = koaApp(
      (ctx) => propertyView(ctx.session),
      (app) => {
        app.keys = [BENCH_SECRET]
        const options = {
          key: 'sid',
          maxAge: IDLE_SECONDS * 1000,
          signed: true,
          rolling: false,
          renew: false,
        }
        return createSession({ ...options, ...(store ? { store } : {}) }, app)
      },
    )
    return { listener, close: async () => store?.quit() }
  },
})
