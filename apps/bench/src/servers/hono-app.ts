import type { RequestListener } from 'node:http'

import { getRequestListener } from '@hono/node-server'
import { type Context, Hono, type MiddlewareHandler } from 'hono'

import { incrementRoute, ROUTES, readRoute, type SessionBinding, seedRoute } from './contract'

/** The benchmark routes on Hono 4, behind `middleware` (the session library, if any), served by `@hono/node-server`. */
export function honoApp(binding: SessionBinding<Context>, middleware?: MiddlewareHandler): RequestListener {
  const app = new Hono()
  if (middleware) app.use(middleware)
  app.post(ROUTES.seed, async (c) => c.json(await seedRoute(await binding(c), c.req.query('token'))))
  app.get(ROUTES.read, async (c) => c.json(readRoute(await binding(c))))
  app.post(ROUTES.increment, async (c) => c.json(await incrementRoute(await binding(c))))
  return getRequestListener(app.fetch) as RequestListener
}
