import type { RequestListener } from 'node:http'
import { getQuery, H3, type H3Event, type Middleware } from 'h3'
import { toNodeHandler } from 'h3/node'
import { incrementRoute, ROUTES, readRoute, type SessionBinding, seedRoute } from './contract'

/** The benchmark routes on h3 v2, behind `middleware` (the session library, if any), as a Node listener. */
export function h3App(binding: SessionBinding<H3Event>, middleware?: Middleware): RequestListener {
  const app = new H3()
  if (middleware) app.use(middleware)
  app.post(ROUTES.seed, async (event) => seedRoute(await binding(event), getQuery(event).token))
  app.get(ROUTES.read, async (event) => readRoute(await binding(event)))
  app.post(ROUTES.increment, async (event) => incrementRoute(await binding(event)))
  return toNodeHandler(app) as RequestListener
}
