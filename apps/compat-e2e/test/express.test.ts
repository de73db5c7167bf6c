import { session as compatSession } from '@fly-session/express/compat'
import type { Listening } from '@fly-session/testkit/http'
import express from 'express'
import expressSession from 'express-session'
import express4 from 'express4'
import { afterEach, describe, expect, it } from 'vitest'

import { buildExpressApp, type ExpressFactory, serveExpress } from './support/express-app'
import {
  cartAnswers,
  cartStory,
  csrfAnswers,
  csrfStory,
  flashAnswers,
  flashStory,
  passportAnswers,
  passportStory,
} from './support/scenarios'
import { FLY_SECRET, flyStores, redisServer } from './support/stores'

const redis = redisServer()
const majors: Array<[string, ExpressFactory]> = [
  ['Express 4', express4 as unknown as ExpressFactory],
  ['Express 5', express as unknown as ExpressFactory],
]

/** The session layers every story runs on: express-session itself, then the compat layer on each store. */
const layers = [
  {
    label: 'express-session (MemoryStore)',
    middleware: () =>
      expressSession({
        secret: FLY_SECRET,
        resave: false,
        saveUninitialized: false,
        store: new expressSession.MemoryStore(),
      }),
  },
  ...flyStores(redis).map((kind) => ({
    label: `@fly-session/express/compat (${kind.label})`,
    middleware: () => compatSession({ store: kind.createStore(), secret: FLY_SECRET }),
  })),
]

const open: Listening[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()))
})

for (const [major, factory] of majors) {
  for (const layer of layers) {
    describe(`${major} + ${layer.label}`, () => {
      const start = async () => {
        const server = await serveExpress(buildExpressApp(factory, layer.middleware()))
        open.push(server)
        return server.url
      }

      it('runs passport-local unchanged: returnTo, failureMessage, login with regenerate, logout, old cookies dead', async () => {
        expect(await passportStory(await start())).toEqual(passportAnswers)
      })

      it('keeps connect-flash messages across a redirect, shown once', async () => {
        expect(await flashStory(await start())).toEqual(flashAnswers)
      })

      it("accepts csrf-sync's token from the session and refuses a missing, wrong or foreign one", async () => {
        expect(await csrfStory(await start())).toEqual(csrfAnswers)
      })

      it('persists nested changes and shows attributes as properties (keys, in, spread, JSON, delete)', async () => {
        expect(await cartStory(await start())).toEqual(
          cartAnswers({ keys: ['cart', 'cookie'], empty: ['cookie'] }),
        )
      })
    })
  }
}
