import Koa from 'koa'
import session from 'koa-session'

import { authRoutes } from './koa-auth'

// Before the switch: koa-session with its default cookie-stored sessions.
export function createApp(env: NodeJS.ProcessEnv = process.env) {
  const app = new Koa()
  app.keys = [env.APP_KEY ?? '']
  app.use(session({ maxAge: 30 * 60 * 1000 }, app))
  authRoutes(app)
  return app
}
