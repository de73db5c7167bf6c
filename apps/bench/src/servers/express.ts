import type { RequestListener } from 'node:http'
import express, { type Request, type RequestHandler } from 'express'
import { BENCH_SECRET, type Binding, getSetView, IDLE_SECONDS, propertyView, routes } from './contract'
import { floorApp, flyApp, redisUrl, runServer } from './runtime'

/** The benchmark routes on Express 5, behind `middleware` (the session library, if any). */
function expressApp(binding?: Binding<Request>, middleware?: RequestHandler): RequestListener {
  const app = express()
  if (middleware) app.use(middleware)
  for (const [method, path, handle] of routes(binding, (req) => req.query.token))
    app[method](path, async (req, res) => void res.json(await handle(req)))
  return app
}

// fly-session's setup comes before express-session's: the two declare `req.session` differently,
// and the type checker reports the later declaration, which must be express-session's (a library
// .d.ts, not checked).
runServer({
  raw: () => ({ listener: expressApp() }),
  floor: () =>
    floorApp((load) =>
      expressApp(
        (req) => req.res!.locals.session,
        async (req, res, next) => {
          res.locals.session = await load(req.headers.cookie, (c) => res.append('set-cookie', c))
          next()
        },
      ),
    ),
  'fly-session': (mode) =>
    flyApp(mode, async (options) => {
      const { session } = await import('@fly-session/express')
      return expressApp((req) => getSetView(req.session), session(options))
    }),
  // fly-session's express-session-shaped compat layer: the routes use `req.session` as
  // express-session code does. Imported untyped: its `req.session` declaration and
  // @fly-session/express's cannot share one program.
  'fly-session compat': (mode) =>
    flyApp(mode, async (options) => {
      const { session } = await import('@fly-session/express/compat' as string)
      return expressApp((req) => propertyView(req.session), session(options))
    }),
  // The settings a careful user picks: no save on unmodified sessions, no empty sessions stored,
  // the cookie's lifetime matching fly-session's idle timeout. `secure: false` because the bench
  // speaks plain HTTP and express-session would otherwise refuse to set the cookie.
  // Its own MemoryStore (`memory`), or connect-redis over node-redis (`redis`), as documented.
  'express-session': async (mode) => {
    const [{ default: session }, { RedisStore }, { createClient }] = await Promise.all([
      import('express-session'),
      import('connect-redis'),
      import('redis'),
    ])
    const client = mode === 'redis' ? createClient({ url: redisUrl() }) : undefined
    await client?.connect()
    const store = client ? new RedisStore({ client }) : undefined
    const middleware = session({
      secret: BENCH_SECRET,
      name: 'sid',
      resave: false,
      saveUninitialized: false,
      ...(store ? { store } : {}),
      cookie: { maxAge: IDLE_SECONDS * 1000, httpOnly: true, sameSite: 'lax', secure: false },
    })
    const listener = expressApp((req) => propertyView(req.session), middleware)
    return { listener, close: async () => client?.quit() }
  },
})
