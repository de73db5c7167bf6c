import type { RequestListener } from 'node:http'
import {
  createApp,
  createRouter,
  type EventHandler,
  eventHandler,
  getQuery,
  type H3Event,
  toNodeListener,
} from 'h3v1'
import { incrementRoute, ROUTES, readRoute, type SessionBinding, seedRoute } from './contract'

/**
 * The benchmark routes on h3 v1 (the major Nuxt 4 and Nitro 2 run), behind `middleware` (the
 * session library, if any), as a Node listener.
 */
export function h3v1App(binding: SessionBinding<H3Event>, middleware?: EventHandler): RequestListener {
  const app = createApp()
  if (middleware) app.use(middleware)
  const router = createRouter()
    .post(
      ROUTES.seed,
      eventHandler(async (event) => seedRoute(await binding(event), getQuery(event).token)),
    )
    .get(
      ROUTES.read,
      eventHandler(async (event) => readRoute(await binding(event))),
    )
    .post(
      ROUTES.increment,
      eventHandler(async (event) => incrementRoute(await binding(event))),
    )
  app.use(router)
  return toNodeListener(app)
}
