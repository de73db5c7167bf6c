import { RedisStore } from 'connect-redis'
import express from 'express'
import session from 'express-session'
import passport from 'passport'
import { createClient } from 'redis'

import { authRoutes } from './express-auth'

// Before the switch: express-session + connect-redis (node-redis), passport on top.
export async function createApp(env: NodeJS.ProcessEnv = process.env) {
  const redis = createClient({ url: env.REDIS_URL })
  await redis.connect()

  const app = express()
  app.use(
    session({
      store: new RedisStore({ client: redis }),
      secret: env.OLD_SESSION_SECRET ?? '',
      resave: false,
      saveUninitialized: false,
      cookie: { maxAge: 30 * 60 * 1000 },
    }),
  )
  app.use(passport.session())
  authRoutes(app)
  return { app, close: () => redis.quit() }
}
