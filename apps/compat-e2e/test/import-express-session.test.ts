import { session as compatSession, fromExpressSession } from '@fly-session/express/compat'
import { RedisStore as FlyRedisStore } from '@fly-session/store-redis'
import { HttpClient, type Listening } from '@fly-session/testkit/http'
import { RedisStore as ConnectRedisStore } from 'connect-redis'
import { sign, unsign } from 'cookie-signature'
import express from 'express'
import expressSession from 'express-session'
import express4 from 'express4'
import Redis from 'ioredis'
import { createClient } from 'redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildExpressApp, type ExpressFactory, serveExpress } from './support/express-app'
import { FLY_SECRET, redisServer } from './support/stores'
import { form } from './support/transcript'

/** The secret the old express-session app signed with, and one it rotated to later (the importer takes both). */
const OLD_SECRET = 'the-old-express-session-secret'
const ROTATED_SECRET = 'a-newer-express-session-secret'

const redis = redisServer()
let nodeRedis: ReturnType<typeof createClient>
let ioredis: Redis
beforeAll(async () => {
  nodeRedis = createClient({ url: redis.url() })
  await nodeRedis.connect()
  ioredis = new Redis(redis.url())
})
afterAll(async () => {
  await nodeRedis?.quit()
  await ioredis?.quit()
})

const open: Listening[] = []
afterAll(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()))
})

/** The session ID inside an express-session cookie value (as the browser holds it, URL-encoded). */
function oldSessionId(cookieValue: string | undefined): string {
  const id = unsign(decodeURIComponent(cookieValue ?? '').slice(2), OLD_SECRET)
  if (id === false) throw new Error(`not an express-session cookie: ${cookieValue}`)
  return id
}

/** An express-session store, counted: the importer's lookups are part of what the tests check. */
type OldStore = expressSession.Store & { gets: number }
function counted(store: expressSession.Store): OldStore {
  const countedStore = store as OldStore
  countedStore.gets = 0
  const get = store.get.bind(store)
  countedStore.get = (sid, callback) => {
    countedStore.gets++
    return get(sid, callback)
  }
  return countedStore
}

function storeGet(store: expressSession.Store, sid: string): Promise<unknown> {
  return new Promise((resolve, reject) =>
    store.get(sid, (error, value) => (error ? reject(error) : resolve(value ?? null))),
  )
}

const oldStores: Array<[string, () => expressSession.Store]> = [
  [
    'connect-redis over node-redis',
    () => new ConnectRedisStore({ client: nodeRedis, prefix: `old:${Math.random()}:` }),
  ],
  ["express-session's MemoryStore", () => new expressSession.MemoryStore()],
]
const majors: Array<[string, ExpressFactory]> = [
  ['Express 4', express4 as unknown as ExpressFactory],
  ['Express 5', express as unknown as ExpressFactory],
]

for (const [major, factory] of majors) {
  for (const [oldLabel, createOldStore] of oldStores) {
    describe(`${major}: switching from express-session + ${oldLabel} with fromExpressSession`, () => {
      let oldStore: OldStore
      let app: string
      const signedIn = new Map<string, { browser: HttpClient; oldId: string }>()

      beforeAll(async () => {
        // Before the switch: the app on express-session, two users signed in, one with a cart.
        oldStore = counted(createOldStore())
        const before = await serveExpress(
          buildExpressApp(
            factory,
            expressSession({ secret: OLD_SECRET, resave: false, saveUninitialized: false, store: oldStore }),
          ),
        )
        for (const name of ['ada', 'grace']) {
          const browser = new HttpClient(before.url)
          await browser.request('/login', form({ username: name, password: `pw-${name}` }))
          if (name === 'ada') await browser.get('/cart/add?item=apple')
          expect((await browser.get('/me')).json()).toEqual({ user: name })
          signedIn.set(name, { browser, oldId: oldSessionId(browser.cookie('connect.sid')) })
        }
        await before.close()

        // The switch: the same app on the compat layer, importing from the old store.
        const flyApp = buildExpressApp(
          factory,
          compatSession({
            store: new FlyRedisStore({ client: ioredis, prefix: `fly:import:${Math.random()}:` }),
            secret: FLY_SECRET,
            importFrom: fromExpressSession({
              store: oldStore,
              secret: [ROTATED_SECRET, OLD_SECRET],
              principal: (data) => (data.passport as { user?: string } | undefined)?.user,
            }),
          }),
        )
        flyApp.get('/fly', (req, res) =>
          res.json({ principal: req.flySession.principal ?? null, id: req.sessionID }),
        )
        const after = await serveExpress(flyApp)
        open.push(after)
        app = after.url
      })

      it('keeps signed-in users signed in, with their data and principal, under a new ID; the old record and cookie are gone', async () => {
        for (const [name, { browser, oldId }] of signedIn) {
          const first = await browser.get(`${app}/me`)
          expect(first.json()).toEqual({ user: name })
          expect(first.cookie('sid')?.value).toBeTruthy()
          expect(first.cookie('connect.sid')?.expires?.getTime()).toBe(0)
          const fly = (await browser.get(`${app}/fly`)).json<{ principal: string; id: string }>()
          expect(fly.principal).toBe(name === 'ada' ? '1' : '2')
          expect(fly.id).not.toBe(oldId)
          expect(browser.cookie('connect.sid')).toBeUndefined()
          expect(await storeGet(oldStore, oldId)).toBeNull()
        }
        const ada = signedIn.get('ada')!.browser
        expect((await ada.get(`${app}/cart`)).json<{ cart: string[] }>().cart).toEqual(['apple'])
        const gets = oldStore.gets
        expect((await ada.get(`${app}/me`)).json()).toEqual({ user: 'ada' })
        expect(oldStore.gets).toBe(gets)
      })

      it('signs nobody in with an old cookie once it was imported (the old ID is dead)', async () => {
        const { oldId } = signedIn.get('grace')!
        const replayed = `connect.sid=${encodeURIComponent(`s:${sign(oldId, OLD_SECRET)}`)}`
        const response = await new HttpClient(app).get('/me', { cookie: replayed })
        expect(response.json()).toEqual({ user: null })
        expect(response.cookie('sid')).toBeUndefined()
      })

      it('only expires an old cookie that comes with a live fly-session one, without a lookup', async () => {
        const { browser, oldId } = signedIn.get('ada')!
        const gets = oldStore.gets
        const both = `sid=${browser.cookie('sid', app)}; connect.sid=${encodeURIComponent(`s:${sign(oldId, OLD_SECRET)}`)}`
        const response = await new HttpClient(app).get('/me', { cookie: both })
        expect(response.json()).toEqual({ user: 'ada' })
        expect(oldStore.gets).toBe(gets)
        expect(response.cookie('connect.sid')?.expires?.getTime()).toBe(0)
      })

      it('ignores a forged old cookie without a store lookup, and an unknown one after exactly one', async () => {
        const gets = oldStore.gets
        const forged = await new HttpClient(app).get('/me', {
          cookie: 'connect.sid=s%3Aunknown-id.not-a-signature',
        })
        expect(forged.json()).toEqual({ user: null })
        expect(oldStore.gets).toBe(gets)
        const unknown = `connect.sid=${encodeURIComponent(`s:${sign('unknown-id', OLD_SECRET)}`)}`
        const response = await new HttpClient(app).get('/me', { cookie: unknown })
        expect(response.json()).toEqual({ user: null })
        expect(oldStore.gets).toBe(gets + 1)
        expect(response.cookie('connect.sid')?.expires?.getTime()).toBe(0)
        expect(response.cookie('sid')).toBeUndefined()
      })
    })
  }
}

describe('fromExpressSession when the old store is down', () => {
  it('answers 503 with SessionStoreError and destroys nothing, so the next try imports', async () => {
    const oldStore = new expressSession.MemoryStore()
    const sid = 'old-session-id'
    await new Promise<void>((resolve, reject) =>
      oldStore.set(sid, { cookie: { originalMaxAge: 60_000 }, passport: { user: '1' } } as never, (error) =>
        error ? reject(error) : resolve(),
      ),
    )
    let down = true
    const get = oldStore.get.bind(oldStore)
    oldStore.get = (id, callback) => (down ? callback(new Error('connection refused')) : get(id, callback))
    const app = buildExpressApp(
      express as unknown as ExpressFactory,
      compatSession({
        store: new FlyRedisStore({ client: ioredis, prefix: `fly:down:${Math.random()}:` }),
        secret: FLY_SECRET,
        importFrom: fromExpressSession({ store: oldStore, secret: OLD_SECRET }),
      }),
    )
    const server = await serveExpress(app)
    open.push(server)
    const cookie = `connect.sid=${encodeURIComponent(`s:${sign(sid, OLD_SECRET)}`)}`
    const failed = await new HttpClient(server.url).get('/me', { cookie })
    expect({ status: failed.status, body: failed.json() }).toEqual({
      status: 503,
      body: { error: 'STORE_UNAVAILABLE' },
    })
    down = false
    expect((await new HttpClient(server.url).get('/me', { cookie })).json()).toEqual({ user: 'ada' })
  })
})
