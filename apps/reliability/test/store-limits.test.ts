import { createSessionManager, type SessionManager } from '@fly-session/core'
import { driveRequest, sessionPatch, storedSession } from '@fly-session/core/testing'
import { session } from '@fly-session/express'
import { RedisStore } from '@fly-session/store-redis'
import { HttpClient, type Listening, listen } from '@fly-session/testkit/http'
import { type RedisServerHandle, startRedisServer } from '@fly-session/testkit/redis'
import express from 'express'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { Rendezvous } from './support/rendezvous'
import { report } from './support/report'
import { SECRET } from './support/secrets'
import { cookieValueIn, idOf, storeKeyOf } from './support/wire'

// The limits a store must hold where concurrent writes meet, on real redis-servers.

describe('maxSize where concurrent requests meet (Express + RedisStore over HTTP)', () => {
  const MAX_SIZE = 64 * 1024
  const PARALLEL = 16
  let redis: RedisServerHandle
  let client: Redis
  let server: Listening
  const rendezvous = new Rendezvous()

  beforeAll(async () => {
    redis = await startRedisServer()
    client = new Redis(redis.url)
    const app = express()
    app.use(session({ store: new RedisStore({ client }), secret: SECRET, maxSize: MAX_SIZE }))
    app.post('/seed', (req, res) => {
      req.session.set('views' as never, 0 as never)
      res.json({ ok: true })
    })
    app.post('/add/:name', async (req, res) => {
      // Every request has loaded the same small session before any of them writes.
      await rendezvous.arrive('adders', PARALLEL)
      req.session.set(req.params.name as never, 'x'.repeat(16 * 1024) as never)
      res.json({ ok: true })
    })
    app.post('/shrink', (req, res) => {
      for (const name of req.session.keys()) if (name !== 'views') req.session.remove(name as never)
      req.session.set('views' as never, 1 as never)
      res.json({ ok: true })
    })
    app.use(((error, _req, res, _next) => {
      res.status(error.status ?? 500).json({ code: error.code })
    }) as express.ErrorRequestHandler)
    server = await listen(app)
  })

  afterAll(async () => {
    await server?.close()
    await client?.quit()
    await redis?.stop()
  })

  it('stores at most maxSize however many requests add at once, refuses the rest with 413, and lets a shrink through', async () => {
    const http = new HttpClient(server.url)
    await http.request('/seed', { method: 'POST' })
    const key = `fly:sess:${storeKeyOf(idOf(http.cookie('sid')!))}`
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) => http.request(`/add/a${i}`, { method: 'POST' })),
    )
    const statuses = answers.map((a) => a.status)
    const fields = await client.hgetall(key)
    const stored = Object.entries(fields)
      .filter(([field]) => field.startsWith('attr:'))
      .reduce((n, [field, value]) => n + Buffer.byteLength(field) - 5 + Buffer.byteLength(value), 0)
    report('store-limits', {
      maxSizeRace: { parallel: PARALLEL, storedBytes: stored, maxSize: MAX_SIZE, statuses },
    })
    expect(stored).toBeLessThanOrEqual(MAX_SIZE)
    expect(statuses.filter((s) => s === 200).length).toBe(
      Object.keys(fields).filter((f) => f.startsWith('attr:a')).length,
    )
    expect(statuses.every((s) => s === 200 || s === 413)).toBe(true)
    expect((await http.request('/shrink', { method: 'POST' })).status).toBe(200)
  })
})

describe('the principal index under concurrent principal changes', () => {
  const TRIES = 200
  let redis: RedisServerHandle
  let client: Redis

  beforeAll(async () => {
    redis = await startRedisServer()
    client = new Redis(redis.url)
  })
  afterAll(async () => {
    await client?.quit()
    await redis?.stop()
  })

  it('never misses a session whose principal two concurrent commits flip (200 tries)', async () => {
    const store = new RedisStore({ client })
    const manager = createSessionManager({ store, secret: SECRET })
    let missed = 0
    for (let i = 0; i < TRIES; i++) {
      const [alice, bob, key] = [`alice-${i}`, `bob-${i}`, `flip-${i}`]
      await store.set(key, storedSession({ principal: bob }), 60)
      const flip = (principal: string) =>
        store.patch(key, sessionPatch({ set: {}, remove: [], lastAccessedAt: Date.now(), principal }), 60)
      await Promise.all([flip(alice), flip(bob)])
      const owner = (await store.get(key))!.principal!
      const listed = (await store.listByPrincipal(owner)).map((entry) => entry.key)
      if (!listed.includes(key)) missed++
    }
    // Through the manager too: invalidateAll of the owner reaches it.
    const probe = await driveRequest(manager, undefined, (s) => {
      s.principal = 'carol'
    })
    const cookie = `sid=${cookieValueIn(probe.setCookie)}`
    await Promise.all([
      driveRequest(manager, cookie, (s) => {
        s.principal = 'dave'
      }),
      driveRequest(manager, cookie, (s) => {
        s.principal = 'carol'
      }),
    ])
    const owner = (await driveRequest(manager, cookie, (s) => s.principal)).result!
    expect(await manager.invalidateAll(owner)).toBe(1)
    report('store-limits', { principalFlip: { tries: TRIES, missed } })
    expect(missed).toBe(0)
  })
})

describe('Redis under maxmemory with volatile-lru (what SECURITY.md recommends)', () => {
  const ONE_OFF_PRINCIPALS = 20_000
  const LIVE = 50
  let redis: RedisServerHandle
  let client: Redis

  beforeAll(async () => {
    redis = await startRedisServer({
      args: ['--maxmemory-policy', 'volatile-lru', '--maxmemory-samples', '10'],
    })
    client = new Redis(redis.url)
  })
  afterAll(async () => {
    await client?.quit()
    await redis?.stop()
  })

  it('keeps live sessions listed and logins working once 20,000 one-off principals fill memory, with a TTL on every key', async () => {
    // touchInterval 0: each use of a live session is a touch, as a real user's is once a minute.
    const manager: SessionManager = createSessionManager({
      store: new RedisStore({ client }),
      secret: SECRET,
      touchInterval: 0,
    })
    const signIn = async (principal: string) => {
      const { setCookie } = await driveRequest(manager, undefined, (s) => {
        s.set('views' as never, 1 as never)
        s.principal = principal
      })
      return `sid=${cookieValueIn(setCookie)}`
    }
    const useLive = () =>
      Promise.all(live.map((cookie) => driveRequest(manager, cookie, (s) => s.get('views' as never))))
    const oneOffs = async (from: number, count: number) => {
      let failed = 0
      for (let batch = from; batch < from + count; batch += 100) {
        const outcomes = await Promise.allSettled(
          Array.from({ length: 100 }, (_, i) => signIn(`one-off-${batch + i}`)),
        )
        failed += outcomes.filter((o) => o.status === 'rejected').length
      }
      return failed
    }
    const live = await Promise.all(Array.from({ length: LIVE }, (_, i) => signIn(`live-${i}`)))
    let failedLogins = await oneOffs(0, ONE_OFF_PRINCIPALS)
    // Redis's LRU clock ticks once a second: let the one-off keys age past the live ones'
    // last use, as minutes would in production, then squeeze memory to half of what is used.
    await new Promise((resolve) => setTimeout(resolve, 2_100))
    await useLive()
    const used = Number(/used_memory:(\d+)/.exec(await client.info('memory'))?.[1])
    await client.config('SET', 'maxmemory', String(Math.floor(used / 2)))
    failedLogins += await oneOffs(ONE_OFF_PRINCIPALS, 2_000)
    await useLive()
    let withoutTtl = 0
    let keys = 0
    for (let cursor = '0'; ; ) {
      const [next, found] = await client.scan(cursor, 'COUNT', 1000)
      keys += found.length
      const ttls = await Promise.all(found.map((key) => client.pttl(key)))
      withoutTtl += ttls.filter((ttl) => ttl === -1).length
      cursor = next
      if (cursor === '0') break
    }
    const liveLeft = (
      await Promise.all(live.map((cookie) => driveRequest(manager, cookie, (s) => !s.isNew)))
    ).filter((r) => r.result).length
    const listedLive = (
      await Promise.all(Array.from({ length: LIVE }, (_, i) => manager.listSessions(`live-${i}`)))
    ).filter((sessions) => sessions.length === 1).length
    const evicted = Number(/evicted_keys:(\d+)/.exec(await client.info('stats'))?.[1])
    report('store-limits', {
      maxmemory: {
        oneOffPrincipals: ONE_OFF_PRINCIPALS + 2_000,
        usedBeforeSqueeze: used,
        keys,
        withoutTtl,
        evicted,
        failedLogins,
        liveLeft,
        listedLive,
        live: LIVE,
      },
    })
    expect(withoutTtl).toBe(0)
    expect(failedLogins).toBe(0)
    expect(evicted).toBeGreaterThan(0)
    expect(liveLeft).toBe(LIVE)
    expect(listedLive).toBe(LIVE)
  }, 180_000)
})
