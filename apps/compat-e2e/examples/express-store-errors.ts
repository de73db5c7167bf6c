import { SessionStoreError } from '@fly-session/express/compat'
import type { ErrorRequestHandler } from 'express'

// A store failure reaches your error middleware as SessionStoreError (status 503).
export const storeDown: ErrorRequestHandler = (error, _req, res, next) => {
  if (!(error instanceof SessionStoreError)) return next(error)
  res.status(503).set('retry-after', '5').json({ error: 'sessions are unavailable, try again' })
}
