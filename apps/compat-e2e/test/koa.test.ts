import { session as compatSession } from '@fly-session/koa/compat'
import { HttpClient, type Listening } from '@fly-session/testkit/http'
import Koa from 'koa'
import koaSession from 'koa-session'
import Koa2 from 'koa2'
import { afterEach, describe, expect, it } from 'vitest'
import { buildKoaApp, type KoaClass, serveKoa } from './support/koa-app'
import { MapKoaSessionStore } from './support/koa-session-store'
import { cartAnswers, cartStory, passportAnswers, passportStory } from './support/scenarios'
import { FLY_SECRET, flyStores, redisServer } from './support/stores'
import { step } from './support/transcript'

const redis = redisServer()
const majors: Array<[string, KoaClass]> = [
  ['Koa 2', Koa2 as unknown as KoaClass],
  ['Koa 3', Koa],
]

/** The session layers every story runs on: koa-session itself, then the compat layer on each store. */
const layers = [
  {
    label: 'koa-session (external store)',
    sessionFor: (app: Koa) => koaSession({ store: new MapKoaSessionStore() }, app),
  },
  ...flyStores(redis).map((kind) => ({
    label: `@fly-session/koa/compat (${kind.label})`,
    sessionFor: () => compatSession({ store: kind.createStore(), secret: FLY_SECRET }),
  })),
]

const open: Listening[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()))
})

for (const [major, KoaApp] of majors) {
  for (const layer of layers) {
    describe(`${major} + ${layer.label}`, () => {
      const start = async () => {
        const server = await serveKoa(buildKoaApp(KoaApp, layer.sessionFor))
        open.push(server)
        return server.url
      }

      it('runs koa-passport 6 unchanged: returnTo, failureMessage, login with regenerate, logout, old cookies dead', async () => {
        expect(await passportStory(await start())).toEqual(passportAnswers)
      })

      it('persists nested changes and shows attributes as properties (toJSON, in, spread, JSON, delete)', async () => {
        expect(await cartStory(await start())).toEqual(cartAnswers({ keys: ['cart'], empty: [] }))
      })

      it('reports isNew, length and populated, destroys on ctx.session = null and replaces on ctx.session = {}', async () => {
        const browser = new HttpClient(await start())
        const answers = [
          step(await browser.get('/shape')),
          step(await browser.get('/cart/add?item=fig')),
          step(await browser.get('/shape')),
          step(await browser.get('/replace')),
          step(await browser.get('/cart')),
          step(await browser.get('/forget')),
          step(await browser.get('/cart')),
        ]
        expect(answers).toEqual([
          { status: 200, body: { length: 0, populated: false, isNew: true } },
          { status: 200, body: { cart: ['fig'] } },
          { status: 200, body: { length: 1, populated: true, isNew: false } },
          { status: 200, body: { keys: ['replaced'] } },
          {
            status: 200,
            body: {
              cart: null,
              keys: ['replaced'],
              hasCart: false,
              spread: ['replaced'],
              json: ['replaced'],
            },
          },
          { status: 200, body: { session: null } },
          { status: 200, body: { cart: null, keys: [], hasCart: false, spread: [], json: [] } },
        ])
      })
    })
  }
}

describe('koa-session with cookie-stored sessions (the difference kept on purpose)', () => {
  it('still accepts the signed-in cookie after logout, where the fly-session compat layer refuses it', async () => {
    const server = await serveKoa(buildKoaApp(Koa, (app) => koaSession({}, app)))
    open.push(server)
    const answers = await passportStory(server.url)
    expect(answers.slice(0, -1)).toEqual(passportAnswers.slice(0, -1))
    // The whole session is in the cookie: nothing on the server can revoke a copy of it.
    expect(answers.at(-1)).toEqual({ status: 200, body: { user: 'ada' } })
  })
})
