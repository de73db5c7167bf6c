import type { RequestListener } from 'node:http'
import * as h3 from 'h3v1'
import { type Binding, getSetView, routes, SEALED, type SessionView, sealedView } from './contract'
import { floorApp, flyApp, runServer } from './runtime'

/**
 * The benchmark routes on h3 v1 (the major Nuxt 4 and Nitro 2 run), behind `middleware` (the
 * session library, if any), as a Node listener.
 */
function h3v1App(binding?: Binding<h3.H3Event>, middleware?: h3.EventHandler): RequestListener {
  const app = h3.createApp()
  if (middleware) app.use(middleware)
  const router = h3.createRouter()
  for (const [method, path, handle] of routes(binding, (event) => h3.getQuery(event).token))
    router[method](path, h3.eventHandler(handle))
  app.use(router)
  return h3.toNodeListener(app)
}

runServer({
  raw: () => ({ listener: h3v1App() }),
  floor: () =>
    floorApp((load) =>
      h3v1App(
        (event) => event.context.floorSession as SessionView,
        h3.eventHandler(async (event) => {
          const setCookie = (c: string) => h3.appendResponseHeader(event, 'set-cookie', c)
          event.context.floorSession = await load(event.node.req.headers.cookie, setCookie)
        }),
      ),
    ),
  'fly-session': (mode) =>
    flyApp(mode, async (options) => {
      const { getSession, session } = await import('@fly-session/h3')
      // Typed for whichever `h3` is installed as "h3" (v2 here); at runtime it detects the major per event.
      return h3v1App((event) => getSetView(getSession(event)), session(options) as unknown as h3.EventHandler)
    }),
  // h3 v1's built-in sessions (what Nuxt 4 apps use).
  'h3 useSession': () => ({
    listener: h3v1App(async (event) => sealedView(await h3.useSession(event, SEALED))),
  }),
})
