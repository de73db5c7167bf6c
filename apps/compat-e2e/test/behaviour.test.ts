import { describeAdapterBehaviour } from '@fly-session/testkit/adapters'
import express from 'express'
import Koa from 'koa'

import { startCompatExpress, startCompatKoa } from './support/behaviour-apps'
import type { ExpressFactory } from './support/express-app'
import { flyStores, redisServer } from './support/stores'

// The native adapters' whole behaviour suite (lifecycle, hostile cookies, concurrency, store
// failures, responses) through the compat middleware, on the current majors and both stores.
const stores = flyStores(redisServer())
for (const { label, createStore } of stores) {
  describeAdapterBehaviour(
    `@fly-session/express/compat on Express 5 + ${label}`,
    startCompatExpress(express as unknown as ExpressFactory),
    {
      createStore,
    },
  )
  describeAdapterBehaviour(`@fly-session/koa/compat on Koa 3 + ${label}`, startCompatKoa(Koa), {
    createStore,
  })
}
