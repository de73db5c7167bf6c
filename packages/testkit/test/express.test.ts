import express from 'express'
import express4 from 'express4'

import { describeAdapterBehaviour } from '../src/adapters'
import { startExpress } from './apps/express'
import { matrixStores } from './support/stores'

const stores = matrixStores()

for (const [major, factory] of [
  ['4', express4],
  ['5', express],
] as const) {
  for (const { label, createStore } of stores) {
    describeAdapterBehaviour(`@fly-session/express on Express ${major} + ${label}`, startExpress(factory), {
      createStore,
    })
  }
}
