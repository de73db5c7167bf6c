import { describeAdapterBehaviour } from '../src/adapters'
import { startH3v1, startH3v2 } from './apps/h3'
import { matrixStores } from './support/stores'

const stores = matrixStores()

for (const [version, startApp] of [
  ['1.15', startH3v1],
  ['2', startH3v2],
] as const) {
  for (const { label, createStore } of stores) {
    describeAdapterBehaviour(`@fly-session/h3 on h3 ${version} + ${label}`, startApp, { createStore })
  }
}
