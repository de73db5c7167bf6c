import { session } from '@fly-session/koa'
import Koa from 'koa'

import { findRoute } from '../api'
import { readJsonBody } from '../read-json-body'
import type { AppDeps } from './app-deps'

/** The Koa app under `/koa`: the session is `ctx.session`. Koa has no router, so one lookup. */
export function createKoaApp({ manager, service, onError }: AppDeps): Koa {
  const app = new Koa()
  app.use(session(manager))
  app.use(async (ctx, next) => {
    const route = findRoute('koa', ctx.method, ctx.path)
    if (route === undefined) return next()
    const body = route.method === 'POST' ? await readJsonBody(ctx.req) : undefined
    const reply = await service.handle({ action: route.action, session: ctx.session, framework: 'koa', body })
    ctx.status = reply.status
    ctx.body = reply.body
  })
  // Replaces Koa's own stderr logging; 4xx errors are the client's and stay out of the log.
  app.on('error', (error: { status?: number }) => {
    if ((error.status ?? 500) >= 500) onError('koa', error)
  })
  return app
}
