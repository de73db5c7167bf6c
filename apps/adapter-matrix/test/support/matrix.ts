import { describeAdapterBehaviour, type StartApp } from '@fly-session/testkit/adapters'
import { matrixStores } from './stores'

/**
 * Runs the behaviour suite for one adapter on each framework major given, each with each store
 * of the matrix (MemoryStore, and RedisStore on the file's own redis-server).
 */
export function describeMatrix(adapter: string, framework: string, majors: Record<string, StartApp>): void {
  const stores = matrixStores()
  for (const [major, startApp] of Object.entries(majors)) {
    for (const { label, createStore } of stores) {
      describeAdapterBehaviour(`${adapter} on ${framework} ${major} + ${label}`, startApp, { createStore })
    }
  }
}
