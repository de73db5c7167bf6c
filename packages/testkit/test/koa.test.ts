import Koa from 'koa'
import Koa2 from 'koa2'

import { describeAdapterBehaviour } from '../src/adapters'
import { startKoa } from './apps/koa'
import { matrixStores } from './support/stores'

const stores = matrixStores()

for (const [major, KoaApp] of [
  ['2', Koa2],
  ['3', Koa],
] as const) {
  for (const { label, createStore } of stores) {
    describeAdapterBehaviour(`@fly-session/koa on Koa ${major} + ${label}`, startKoa(KoaApp), { createStore })
  }
}
