import { Readable } from 'node:stream'

import { session } from '@fly-session/koa'
import type { StartApp } from '@fly-session/testkit/adapters'
import { listen } from '@fly-session/testkit/http'
import type Koa from 'koa'

/** The suite's app on Koa (2 or 3, whichever `Koa` is). Errors take Koa's own path (`app.on('error')` records them). */
export function startKoa(KoaApp: typeof Koa): StartApp {
  return async (sessionOrOptions, routes) => {
    const app = new KoaApp()
    const errors: unknown[] = []
    app.on('error', (error) => errors.push(error))
    app.use(session(sessionOrOptions))
    app.use(async (ctx) => {
      const route = routes[ctx.path]
      if (route === undefined) return
      const reply = await route({ session: ctx.session, query: new URLSearchParams(ctx.querystring) })
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
