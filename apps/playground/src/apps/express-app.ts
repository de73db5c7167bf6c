import { session } from '@fly-session/express'
import express, { type ErrorRequestHandler, type RequestHandler } from 'express'

import { API_ROUTES, basePathOf } from '../api'
import type { AppDeps } from './app-deps'

/** The Express 5 app under `/express`: the session is `req.session`. */
export function createExpressApp({ manager, service, onError }: AppDeps): express.Express {
  const app = express()
  app.disable('x-powered-by')
  app.use(session(manager))
  app.use(express.json({ limit: '4kb' }))
  for (const route of API_ROUTES) {
    const handler: RequestHandler = async (req, res) => {
      const call = {
        action: route.action,
        session: req.session,
        framework: 'express',
        body: req.body,
      } as const
      const reply = await service.handle(call)
      res.status(reply.status).json(reply.body)
    }
    const path = basePathOf('express') + route.path
    if (route.method === 'GET') app.get(path, handler)
    else app.post(path, handler)
  }
  // Express's default error page is HTML with a stack trace; the page wants JSON.
  const jsonErrors: ErrorRequestHandler = (error, _req, res, _next) => {
    const status = typeof error?.status === 'number' ? error.status : 500
    if (status >= 500) onError('express', error)
    res
      .status(status)
      .json({ error: 'request-failed', message: status < 500 ? error.message : 'Server error' })
  }
  app.use(jsonErrors)
  return app
}
