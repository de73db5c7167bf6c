import type { RequestListener } from 'node:http'
import { getQuery, H3, type H3Event, type Middleware, useSession } from 'h3'
import { toNodeHandler } from 'h3/node'
import type { SessionView } from './contract'
import { type Binding, getSetView, IDLE_SECONDS, routes, SEALED, sealedView } from './contract'
import { floorApp, flyApp, runServer } from './runtime'

/** The benchmark routes on h3 v2, behind `middleware` (the session library, if any), as a Node listener. */
function h3App(binding?: Binding<H3Event>, middleware?: Middleware): RequestListener {
  const app = new H3()
  if (middleware) app.use(middleware)
  for (const [method, path, handle] of routes(binding, (event) => getQuery(event).token))
    app[method](path, handle)
  return toNodeHandler(app) as RequestListener
}

/** h3's built-in sessions: the data sealed (encrypted and signed) into the cookie itself. */
const sealed = { ...SEALED, idleTimeout: IDLE_SECONDS }

runServer({
  raw: () => ({ listener: h3App() }),
  floor: () =>
    floorApp((load) =>
      h3App(
        (event) => event.context.floorSession as SessionView,
        async (event, next) => {
          const cookie = event.req.headers.get('cookie') ?? undefined
          event.context.floorSession = await load(cookie, (c) => event.res.headers.append('set-cookie', c))
          return next()
        },
      ),
    ),
  'fly-session': (mode) =>
    flyApp(mode, async (options) => {
      const { getSession, session } = await import('@fly-session/h3')
      return h3App((event) => getSetView(getSession(event)), session(options))
    }),
  'h3 useSession': () => ({
    listener: h3App(async (event) => sealedView(await useSession(event, sealed))),
  }),
})
