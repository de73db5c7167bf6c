import { getSession, session } from '@fly-session/h3'
import { H3, readBody } from 'h3'

import { API_ROUTES, basePathOf } from '../api'
import type { AppDeps } from './app-deps'

/** The h3 v2 app under `/h3`: the session is `getSession(event)`. */
export function createH3App({ manager, service, onError }: AppDeps): H3 {
  const app = new H3({
    onError(error) {
      if (error.status >= 500) onError('h3', error)
    },
  })
  app.use(session(manager))
  for (const route of API_ROUTES) {
    app.on(route.method, basePathOf('h3') + route.path, async (event) => {
      const body = route.method === 'POST' ? await readBody(event) : undefined
      const reply = await service.handle({
        action: route.action,
        session: getSession(event),
        framework: 'h3',
        body,
      })
      event.res.status = reply.status
      return reply.body
    })
  }
  return app
}
