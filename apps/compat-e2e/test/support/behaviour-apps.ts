import { Readable } from 'node:stream'

import { session as expressCompat } from '@fly-session/express/compat'
import { session as koaCompat } from '@fly-session/koa/compat'
import type { Reply, StartApp } from '@fly-session/testkit/adapters'
import { listen } from '@fly-session/testkit/http'
import type { ErrorRequestHandler, Response } from 'express'

import type { ExpressFactory } from './express-app'
import type { KoaClass } from './koa-app'

/**
 * The adapters' behaviour suite's apps, with the compat middleware in place of the native one:
 * the suite's routes drive the native session the compat layer exposes (`req.flySession`,
 * `ctx.flySession`), so every guarantee the suite checks is checked through the compat wiring.
 */
function sendExpress(res: Response, reply: Reply): void {
  if ('redirect' in reply) {
    res.redirect(reply.redirect)
    return
  }
  if ('stream' in reply) {
    res.type('text/plain')
    Readable.from(reply.stream).pipe(res)
    return
  }
  if (reply.cookie) res.cookie(reply.cookie.name, reply.cookie.value)
  res.status(reply.status ?? 200).json(reply.json)
}

export function startCompatExpress(express: ExpressFactory): StartApp {
  return async (sessionOrOptions, routes) => {
    const app = express()
    const errors: unknown[] = []
    app.use(expressCompat(sessionOrOptions))
    for (const [path, route] of Object.entries(routes)) {
      app.get(path, async (req, res, next) => {
        try {
          sendExpress(
            res,
            await route({
              session: req.flySession,
              query: new URLSearchParams(req.originalUrl.split('?')[1]),
            }),
          )
        } catch (error) {
          next(error)
        }
      })
    }
    const onError: ErrorRequestHandler = (error, _req, res, _next) => {
      errors.push(error)
      res.status(error.status ?? 500).json({ error: error.code ?? 'UNKNOWN' })
    }
    app.use(onError)
    return { ...(await listen(app)), errors }
  }
}

export function startCompatKoa(KoaApp: KoaClass): StartApp {
  return async (sessionOrOptions, routes) => {
    const app = new KoaApp()
    const errors: unknown[] = []
    app.on('error', (error) => errors.push(error))
    app.use(koaCompat(sessionOrOptions))
    app.use(async (ctx) => {
      const route = routes[ctx.path]
      if (route === undefined) return
      const reply = await route({ session: ctx.flySession, query: new URLSearchParams(ctx.querystring) })
      if ('redirect' in reply) return ctx.redirect(reply.redirect)
      if ('stream' in reply) {
        ctx.type = 'text/plain'
        ctx.body = Readable.from(reply.stream)
        return
      }
      if (reply.cookie) ctx.cookies.set(reply.cookie.name, reply.cookie.value)
      ctx.status = reply.status ?? 200
      ctx.body = reply.json
    })
    return { ...(await listen(app.callback())), errors }
  }
}
