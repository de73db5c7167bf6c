import type { SessionManager, SessionOptions } from '@fly-session/core'
import { getSession, withSession } from '@fly-session/fetch'
import { session } from '@fly-session/fetch/hono'
import type { Routes } from '@fly-session/testkit/adapters'
import { Hono } from 'hono'
import { setCookie } from 'hono/cookie'
import { stream } from 'hono/streaming'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

import { errorResponse, routeRequest } from './web-routes'

/** A Web-standard app: one `fetch` handler, and the errors that reached its error path. */
export interface WebApp {
  fetch: (request: Request) => Promise<Response>
  errors: unknown[]
}

/** Builds the suite's app for one runtime-neutral adapter; served by Node, Bun or Deno. */
export type BuildWebApp = (sessionOrOptions: SessionManager | SessionOptions, routes: Routes) => WebApp

function sessionIfAny(request: Request) {
  try {
    return getSession(request)
  } catch {
    // The requests `skip` matched: the route reports that it has none.
    return undefined
  }
}

/** The routes as a bare `fetch` handler wrapped by `withSession`; the platform's error path records. */
export const buildWithSessionApp: BuildWebApp = (sessionOrOptions, routes) => {
  const errors: unknown[] = []
  const handler = withSession(routeRequest(routes, sessionIfAny), sessionOrOptions)
  return {
    errors,
    fetch: async (request) => {
      try {
        return await handler(request)
      } catch (error) {
        errors.push(error)
        return errorResponse(error)
      }
    },
  }
}

/** The routes on Hono 4 with the middleware first, Hono's cookie and streaming helpers, and `app.onError`. */
export const buildHonoApp: BuildWebApp = (sessionOrOptions, routes) => {
  const errors: unknown[] = []
  const app = new Hono()
  app.onError((error) => {
    errors.push(error)
    return errorResponse(error)
  })
  app.use(session(sessionOrOptions))
  for (const [path, route] of Object.entries(routes)) {
    app.get(path, async (c) => {
      const reply = await route({ session: c.get('session'), query: new URL(c.req.url).searchParams })
      if ('redirect' in reply) return c.redirect(reply.redirect, 302)
      if ('stream' in reply) {
        c.header('content-type', 'text/plain')
        return stream(c, async (body) => {
          for await (const chunk of reply.stream) await body.write(chunk)
        })
      }
      if (reply.cookie) setCookie(c, reply.cookie.name, reply.cookie.value, { path: '/' })
      return c.json(reply.json, (reply.status ?? 200) as ContentfulStatusCode)
    })
  }
  return { errors, fetch: async (request) => app.fetch(request) }
}
