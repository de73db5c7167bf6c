import { once } from 'node:events'

import { fromExpressSession, session } from '@fly-session/express/compat'
import { RedisStore } from '@fly-session/store-redis'
import { RedisStore as ExpressSessionRedisStore } from 'connect-redis'
import express from 'express'
import { Redis } from 'ioredis'
import passport from 'passport'
import { createClient } from 'redis'

import { authRoutes } from './express-auth'

// After the switch: the compat layer in express-session's place, importing the old sessions
// through the connect-redis store the old app used. Once the old sessions have expired (30
// minutes here), remove `importFrom`, node-redis and connect-redis.
export async function createApp(env: NodeJS.ProcessEnv = process.env) {
  const legacyRedis = createClient({ url: env.REDIS_URL })
  await legacyRedis.connect()
  const redis = new Redis(env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
    enableOfflineQueue: false, // fail fast while Redis is down (see @fly-session/store-redis)
    maxRetriesPerRequest: 1,
    commandTimeout: 1000,
  })
  redis.on('error', (error) => console.warn(error.message))
  await once(redis, 'ready')

  const app = express()
  app.use(
    session({
      store: new RedisStore({ client: redis }),
      secret: env.SESSION_SECRET ?? '', // a new secret, at least 32 characters
      idleTimeout: 30 * 60, // seconds: express-session's cookie.maxAge was in milliseconds
      importFrom: fromExpressSession({
        store: new ExpressSessionRedisStore({ client: legacyRedis }),
        secret: env.OLD_SESSION_SECRET ?? '',
        principal: (data) => data.passport?.user,
      }),
    }),
  )
  app.use(passport.session())
  // Optional: index every signed-in session by user, for listSessions / invalidateAll.
  app.use((req, _res, next) => {
    const user = req.user as { id: string } | undefined
    if (user !== undefined && req.flySession.principal === undefined) req.flySession.principal = user.id
    next()
  })
  authRoutes(app)
  return { app, close: async () => void (await Promise.all([legacyRedis.quit(), redis.quit()])) }
}
