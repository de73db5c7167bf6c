import { Readable } from 'node:stream'

import { session } from '@fly-session/express'
import type { Reply, StartApp } from '@fly-session/testkit/adapters'
import { listen } from '@fly-session/testkit/http'
import type { ErrorRequestHandler, Express, Response } from 'express'

/** What the `express` and `express4` packages both export: the app factory. */
export type ExpressFactory = () => Express

function send(res: Response, reply: Reply): void {
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

/** The suite's app on Express (4 or 5, whichever `express` is): routes, then an error middleware. */
export function startExpress(express: ExpressFactory): StartApp {
  return async (sessionOrOptions, routes) => {
    const app = express()
    const errors: unknown[] = []
    app.use(session(sessionOrOptions))
    for (const [path, route] of Object.entries(routes)) {
      app.get(path, async (req, res, next) => {
        try {
          const query = new URLSearchParams(req.originalUrl.split('?')[1])
          send(res, await route({ session: req.session, query }))
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
