import { session } from '@fly-session/fetch/hono'
import { Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

import { API_ROUTES, basePathOf } from '../api'
import type { AppDeps } from './app-deps'

/** The Hono 4 app under `/hono`, on Web `Request`/`Response`: the session is `c.get('session')`. */
export function createHonoApp({ manager, service, onError }: AppDeps): Hono {
  const app = new Hono()
  app.onError((error, c) => {
    const status = (error as { status?: number }).status ?? 500
    if (status >= 500) onError('hono', error)
    const message = status < 500 ? error.message : 'Server error'
    return c.json({ error: 'request-failed', message }, status as ContentfulStatusCode)
  })
  app.use(session(manager))
  for (const route of API_ROUTES) {
    app.on(route.method, basePathOf('hono') + route.path, async (c) => {
      const body = route.method === 'POST' ? await c.req.json().catch(() => undefined) : undefined
      const answer = await service.handle({
        action: route.action,
        session: c.get('session'),
        framework: 'hono',
        body,
      })
      return c.json(answer.body, answer.status as ContentfulStatusCode)
    })
  }
  return app
}
