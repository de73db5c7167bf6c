import { inspect } from 'node:util'
import {
  createSessionManager,
  type SessionManager,
  type SessionPatch,
  SessionStoreError,
} from '@fly-session/core'
import { session } from '@fly-session/express'
import { MemoryStore } from '@fly-session/store-memory'
import { RedisStore } from '@fly-session/store-redis'
import { HttpClient, type Listening, listen } from '@fly-session/testkit/http'
import { type RedisServerHandle, startRedisServer } from '@fly-session/testkit/redis'
import express from 'express'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { OLD_SECRET, SECRET } from './support/secrets'
import { cookieValueIn, idOf, storeKeyOf } from './support/wire'

// Hardening defects that show over HTTP, on Express 5 through @fly-session/express.

/** A MemoryStore whose patches fail while `failing` is set: a store that goes down mid-request. */
class FlakyWrites extends MemoryStore {
  failing = false
  override async patch(key: string, change: SessionPatch, ttl: number): Promise<boolean> {
    if (this.failing) throw new Error('write refused')
    return super.patch(key, change, ttl)
  }
}

const store = new FlakyWrites()
const manager: SessionManager = createSessionManager({ store, secret: [SECRET, OLD_SECRET] })
let server: Listening

beforeAll(async () => {
  const app = express()
  app.use(session(manager))
  app.post('/login', (req, res) => {
    req.session.set('views' as never, 1 as never)
    res.json({ ok: true })
  })
  app.get('/dump', (req, res) => {
    res.json({ session: req.session })
  })
  app.get('/views', (req, res) => {
    res.json({ views: req.session.get('views' as never) ?? null, isNew: req.session.isNew })
  })
  app.post('/checkout', (req, res) => {
    req.session.set('views' as never, 2 as never)
    res.setHeader('Cache-Control', 'public, max-age=600')
    res.cookie('theme', 'dark')
    res.redirect(303, '/thanks')
  })
  app.use(((error, _req, res, _next) => {
    res.status(error.status ?? 500).json({ code: error.code })
  }) as express.ErrorRequestHandler)
  server = await listen(app)
})

afterAll(async () => {
  await server?.close()
  await store.dispose()
})

describe('over HTTP', () => {
  it('1. res.json(req.session) shows no secret and no raw ID', async () => {
    const client = new HttpClient(server.url)
    await client.request('/login', { method: 'POST' })
    const id = idOf(client.cookie('sid')!)
    const { text } = await client.get('/dump')
    expect(text).not.toContain(SECRET)
    expect(text).not.toContain(OLD_SECRET)
    expect(text).not.toContain(id)
    expect(JSON.parse(text).session).toMatchObject({ isNew: false, attributes: ['views'] })
    // Nor does anything a log line could print of the manager or the store holding the session.
    for (const target of [manager, store]) {
      const shown = `${JSON.stringify(target)}${inspect(target, { showHidden: true, depth: Number.POSITIVE_INFINITY })}`
      for (const hidden of [SECRET, OLD_SECRET, id]) expect(shown).not.toContain(hidden)
    }
  })

  it("9. a tossed cookie with a space before '=' loads neither session", async () => {
    const [victim, attacker] = [new HttpClient(server.url), new HttpClient(server.url)]
    await victim.request('/login', { method: 'POST' })
    await attacker.request('/login', { method: 'POST' })
    const tossed = `sid =${attacker.cookie('sid')}; sid=${victim.cookie('sid')}`
    const answer = (await victim.get('/views', { cookie: tossed })).json<{ isNew: boolean }>()
    expect(answer.isNew).toBe(true)
  })

  it("10. the 503 after a failed commit carries none of the handler's headers, and Cache-Control: no-store", async () => {
    const client = new HttpClient(server.url)
    await client.request('/login', { method: 'POST' })
    store.failing = true
    try {
      const response = await client.request('/checkout', { method: 'POST' })
      expect(response.status).toBe(503)
      expect(response.headers.get('location')).toBeNull()
      expect(response.headers.get('cache-control')).toBe('no-store')
      expect(response.setCookies).toEqual([])
    } finally {
      store.failing = false
    }
  })
})

describe('11. store errors carry nothing of the session', () => {
  let redis: RedisServerHandle

  beforeAll(async () => {
    redis = await startRedisServer()
  })
  afterAll(async () => {
    await redis?.stop()
  })

  it('keeps the key and the attribute values out of the error a JSON logger would write', async () => {
    const client = new Redis(redis.url, { maxRetriesPerRequest: 0 })
    const redisStore = new RedisStore({ client })
    const manager = createSessionManager({ store: redisStore, secret: SECRET })
    const first = manager.begin(undefined)
    ;(await first.load()).set('views' as never, 1 as never)
    const cookie = `sid=${cookieValueIn(first.setCookie())}`
    await first.commit()
    const lifecycle = manager.begin(cookie)
    const loaded = await lifecycle.load()
    loaded.set('views' as never, 'card 4111-1111-1111-1111' as never)
    lifecycle.setCookie()
    // A real failure from Redis on the write (the key changed type under it): ioredis's error
    // holds the command with all its arguments, the attribute value among them.
    const hashKey = `fly:sess:${storeKeyOf(loaded.id)}`
    await client.set(hashKey, 'not a hash any more')
    const error = await lifecycle.commit().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SessionStoreError)
    // What a JSON logger writes of an error: every own property, nested objects and the cause included.
    const logged = JSON.stringify(error, (_key, value: unknown) =>
      value instanceof Error
        ? Object.fromEntries(
            [...Object.getOwnPropertyNames(value), 'cause'].map((n) => [n, Reflect.get(value, n)]),
          )
        : value,
    )
    expect(logged).toMatch(/WRONGTYPE/)
    expect(logged).not.toContain('4111')
    expect(logged).not.toContain(storeKeyOf(loaded.id))
    expect(logged).not.toContain(loaded.id)
    await client.quit()
  })
})
