import { session as compatSession, fromKoaSession } from '@fly-session/koa/compat'
import { MemoryStore } from '@fly-session/store-memory'
import { HttpClient, type Listening } from '@fly-session/testkit/http'
import Keygrip from 'keygrip'
import Koa from 'koa'
import koaSession from 'koa-session'
import Koa2 from 'koa2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { APP_KEYS, buildKoaApp, type KoaClass, serveKoa } from './support/koa-app'
import { MapKoaSessionStore } from './support/koa-session-store'
import { FLY_SECRET } from './support/stores'
import { form } from './support/transcript'

const open: Listening[] = []
afterAll(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()))
})

const majors: Array<[string, KoaClass]> = [
  ['Koa 2', Koa2 as unknown as KoaClass],
  ['Koa 3', Koa],
]
const forms = ['cookie-stored', 'external store'] as const

for (const [major, KoaApp] of majors) {
  for (const form_ of forms) {
    describe(`${major}: switching from koa-session (${form_}) with fromKoaSession`, () => {
      const oldStore = form_ === 'external store' ? new MapKoaSessionStore() : undefined
      let app: string
      let browser: HttpClient
      let oldCookies: string

      beforeAll(async () => {
        // Before the switch: the app on koa-session, ada signed in with a cart.
        const before = await serveKoa(
          buildKoaApp(KoaApp, (koa) => koaSession(oldStore === undefined ? {} : { store: oldStore }, koa)),
        )
        browser = new HttpClient(before.url)
        await browser.request('/login', form({ username: 'ada', password: 'pw-ada' }))
        await browser.get('/cart/add?item=apple')
        expect((await browser.get('/me')).json()).toEqual({ user: 'ada' })
        oldCookies = browser.jar.header(new URL(before.url)) ?? ''
        await before.close()

        const flyApp = buildKoaApp(KoaApp, () =>
          compatSession({
            store: new MemoryStore(),
            secret: FLY_SECRET,
            importFrom: fromKoaSession({
              keys: ['a-key-added-later', ...APP_KEYS],
              ...(oldStore === undefined ? {} : { store: oldStore }),
              principal: (data) => (data.passport as { user?: string } | undefined)?.user,
            }),
          }),
        )
        flyApp.use((ctx) => {
          if (ctx.path === '/fly') ctx.body = { principal: ctx.flySession.principal ?? null }
        })
        const after = await serveKoa(flyApp)
        open.push(after)
        app = after.url
      })

      it('keeps the signed-in user signed in, with data and principal; the old cookies are expired', async () => {
        const first = await browser.get(`${app}/me`)
        expect(first.json()).toEqual({ user: 'ada' })
        expect(first.cookie('sid')?.value).toBeTruthy()
        expect(first.cookie('koa.sess')?.expires?.getTime()).toBe(0)
        expect(first.cookie('koa.sess.sig')?.expires?.getTime()).toBe(0)
        expect((await browser.get(`${app}/cart`)).json<{ cart: string[] }>().cart).toEqual(['apple'])
        expect((await browser.get(`${app}/fly`)).json()).toEqual({ principal: '1' })
        expect(browser.cookie('koa.sess', app)).toBeUndefined()
      })

      it('ignores a forged signature, and a tampered cookie, without a store lookup', async () => {
        const gets = oldStore?.gets ?? 0
        const [session, signature] = oldCookies.split('; ')
        const forged = `${session}; koa.sess.sig=${'x'.repeat(27)}`
        expect((await new HttpClient(app).get('/me', { cookie: forged })).json()).toEqual({ user: null })
        const tampered = `${session}A; ${signature}`
        expect((await new HttpClient(app).get('/me', { cookie: tampered })).json()).toEqual({ user: null })
        expect(oldStore?.gets ?? 0).toBe(gets)
      })

      if (oldStore !== undefined) {
        it('looks an unknown but validly signed key up once, then expires the old cookies', async () => {
          const gets = oldStore.gets
          const signature = new Keygrip(APP_KEYS).sign('koa.sess=unknown-key')
          const response = await new HttpClient(app).get('/me', {
            cookie: `koa.sess=unknown-key; koa.sess.sig=${signature}`,
          })
          expect(response.json()).toEqual({ user: null })
          expect(oldStore.gets).toBe(gets + 1)
          expect(response.cookie('koa.sess')?.expires?.getTime()).toBe(0)
        })

        it('destroys the old record: the old cookie signs nobody in afterwards', async () => {
          expect(oldStore.records.size).toBe(0)
          const replay = await new HttpClient(app).get('/me', { cookie: oldCookies })
          expect(replay.json()).toEqual({ user: null })
          expect(replay.cookie('koa.sess')?.expires?.getTime()).toBe(0)
        })
      } else {
        it('re-imports a copy of a cookie-stored session, as koa-session accepted it, until its _expire', async () => {
          // A cookie-stored session has no server-side record to destroy: a copy of the cookie is
          // a bearer token under koa-session too, valid until the `_expire` it carries.
          expect((await new HttpClient(app).get('/me', { cookie: oldCookies })).json()).toEqual({
            user: 'ada',
          })
        })
      }
    })
  }
}
