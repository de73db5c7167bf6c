import { Readable } from 'node:stream'

import { type HttpSession, session } from '@fly-session/h3'
import type { StartApp } from '@fly-session/testkit/adapters'
import { listen } from '@fly-session/testkit/http'
import { H3, redirect, setCookie, toNodeHandler } from 'h3'
import * as h3v1 from 'h3v1'

/** The suite's app on h3 2 (Nitro 3): `new H3()`, web responses, served through `toNodeHandler`. */
export const startH3v2: StartApp = async (sessionOrOptions, routes) => {
  const errors: unknown[] = []
  const app = new H3({
    silent: true,
    onError: (error) => {
      errors.push(error)
    },
  })
  app.use(session(sessionOrOptions))
  for (const [path, route] of Object.entries(routes)) {
    app.get(path, async (event) => {
      const reply = await route({ session: event.context.session, query: event.url.searchParams })
      if ('redirect' in reply) return redirect(reply.redirect, 302)
      if ('stream' in reply) {
        event.res.headers.set('content-type', 'text/plain')
        return Readable.toWeb(Readable.from(reply.stream))
      }
      if (reply.cookie) setCookie(event, reply.cookie.name, reply.cookie.value)
      event.res.status = reply.status ?? 200
      return reply.json
    })
  }
  return { ...(await listen(toNodeHandler(app))), errors }
}

/** The suite's app on h3 1.15 (Nuxt 4 / Nitro 2): `createApp` + router, Node responses via `toNodeListener`. */
export const startH3v1: StartApp = async (sessionOrOptions, routes) => {
  const errors: unknown[] = []
  const app = h3v1.createApp({
    // h3 has set the error's status by now; answering here keeps h3 from logging it as unhandled.
    onError: async (error, event) => {
      errors.push(error)
      await h3v1.send(event, JSON.stringify({ statusCode: error.statusCode }), 'application/json')
    },
  })
  app.use(session(sessionOrOptions))
  const router = h3v1.createRouter()
  for (const [path, route] of Object.entries(routes)) {
    router.get(
      path,
      h3v1.defineEventHandler(async (event) => {
        const query = new URLSearchParams(event.path.split('?')[1])
        const current = event.context.session as HttpSession | undefined
        const reply = await route({ session: current, query })
        if ('redirect' in reply) return h3v1.sendRedirect(event, reply.redirect, 302)
        if ('stream' in reply) {
          h3v1.setResponseHeader(event, 'content-type', 'text/plain')
          return h3v1.sendStream(event, Readable.from(reply.stream))
        }
        if (reply.cookie) h3v1.setCookie(event, reply.cookie.name, reply.cookie.value)
        h3v1.setResponseStatus(event, reply.status ?? 200)
        return reply.json
      }),
    )
  }
  app.use(router)
  return { ...(await listen(h3v1.toNodeListener(app))), errors }
}
