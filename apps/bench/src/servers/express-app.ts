import express, { type Express, type Request, type RequestHandler } from 'express'
import { incrementRoute, ROUTES, readRoute, type SessionBinding, seedRoute } from './contract'

/** The benchmark routes on Express 5, behind `middleware` (the session library, if any). */
export function expressApp(binding: SessionBinding<Request>, middleware?: RequestHandler): Express {
  const app = express()
  if (middleware) app.use(middleware)
  app.post(ROUTES.seed, async (req, res) => {
    res.json(await seedRoute(await binding(req), req.query.token))
  })
  app.get(ROUTES.read, async (req, res) => {
    res.json(readRoute(await binding(req)))
  })
  app.post(ROUTES.increment, async (req, res) => {
    res.json(await incrementRoute(await binding(req)))
  })
  return app
}
