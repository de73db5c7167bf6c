import type { RequestListener } from 'node:http'
import Koa, { type Context, type Middleware } from 'koa'
import { incrementRoute, ROUTES, readRoute, type SessionBinding, seedRoute } from './contract'

/**
 * The benchmark routes on Koa 3 as a Node listener, behind the middleware `install` returns (the session library,
 * if any; it gets the app because koa-session needs it). Routing is a plain dispatch rather
 * than a router package: Koa has none built in, and every Koa variant pays the same.
 */
export function koaApp(
  binding: SessionBinding<Context>,
  install?: (app: Koa) => Middleware,
): RequestListener {
  const app = new Koa()
  if (install) app.use(install(app))
  app.use(async (ctx) => {
    if (ctx.method === 'GET' && ctx.path === ROUTES.read) ctx.body = readRoute(await binding(ctx))
    else if (ctx.method === 'POST' && ctx.path === ROUTES.increment)
      ctx.body = await incrementRoute(await binding(ctx))
    else if (ctx.method === 'POST' && ctx.path === ROUTES.seed)
      ctx.body = await seedRoute(await binding(ctx), ctx.query.token)
    else ctx.status = 404
  })
  return app.callback()
}
