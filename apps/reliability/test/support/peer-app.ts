import { RedisStore as ConnectRedisStore } from 'connect-redis'
import express from 'express'
import expressSession from 'express-session'
import type { Redis } from 'ioredis'

import { Rendezvous } from './rendezvous'

/** The peer's session cookie name (express-session's default). */
export const PEER_COOKIE = 'connect.sid'

/**
 * The lost-update scenario's app on express-session + connect-redis 8 (the last major that
 * takes an ioredis client and runs on Node 20): the same `/set?pair=` and `/session` routes as
 * `sessionApp`, so the two are compared request for request.
 */
export function peerApp(client: Redis, secret: string): express.Express {
  const rendezvous = new Rendezvous()
  const app = express()
  app.use(
    expressSession({
      store: new ConnectRedisStore({ client, prefix: 'peer:sess:' }),
      secret,
      resave: false,
      saveUninitialized: false,
      // Plain HTTP on loopback: a Secure cookie would not be set by express-session here.
      cookie: { secure: false },
    }),
  )
  app.get('/session', (req, res) => {
    const { cookie: _cookie, ...attributes } = req.session as unknown as Record<string, unknown>
    res.json({ isNew: false, attributes })
  })
  app.post('/set', async (req, res) => {
    const pair = typeof req.query.pair === 'string' ? req.query.pair : undefined
    if (pair !== undefined) await rendezvous.arrive(pair, 2)
    const attributes = req.session as unknown as Record<string, unknown>
    attributes[String(req.query.name ?? 'value')] = String(req.query.value ?? '')
    res.json({ ok: true })
  })
  return app
}
