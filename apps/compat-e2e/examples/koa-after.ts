import { once } from 'node:events'

import { fromKoaSession, session } from '@fly-session/koa/compat'
import { RedisStore } from '@fly-session/store-redis'
import { Redis } from 'ioredis'
import Koa from 'koa'

import { authRoutes } from './koa-auth'

// After the switch: the compat layer in koa-session's place, importing the cookie-stored
// sessions koa-session signed with app.keys. Remove `importFrom` once they have expired.
export async function createApp(env: NodeJS.ProcessEnv = process.env) {
  const app = new Koa()
  app.keys = [env.APP_KEY ?? '']
  const redis = new Redis(env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
    enableOfflineQueue: false, // fail fast while Redis is down (see @fly-session/store-redis)
    maxRetriesPerRequest: 1,
    commandTimeout: 1000,
  })
  redis.on('error', (error) => console.warn(error.message))
  await once(redis, 'ready')
  app.use(
    session({
      store: new RedisStore({ client: redis }),
      secret: env.SESSION_SECRET ?? '', // at least 32 characters
      idleTimeout: 30 * 60, // seconds: koa-session's maxAge was in milliseconds
      importFrom: fromKoaSession({ keys: app.keys, principal: (data) => data.passport?.user }),
    }),
  )
  authRoutes(app)
  return { app, close: () => redis.quit() }
}
