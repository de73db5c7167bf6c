import type { SessionStore } from '@fly-session/core'
import { MemoryStore } from '@fly-session/store-memory'
import { RedisStore } from '@fly-session/store-redis'
import { type RedisServerHandle, startRedisServer } from '@fly-session/testkit/redis'
import Redis from 'ioredis'
import { afterAll, beforeAll } from 'vitest'

/** A store the behaviour suite runs against: its label in test names, and how to make one. */
export interface StoreKind {
  label: string
  createStore: () => SessionStore
}

let suites = 0

/**
 * The two stores of the matrix: MemoryStore, and RedisStore over one real redis-server for the
 * whole test file (started in `beforeAll`, stopped in `afterAll`). Each RedisStore gets its own
 * key prefix, so suites sharing the server never see each other's sessions or principals.
 */
export function matrixStores(): StoreKind[] {
  let server: RedisServerHandle | undefined
  let client: Redis | undefined
  beforeAll(async () => {
    server = await startRedisServer()
    client = new Redis(server.url, { lazyConnect: true })
    await client.connect()
  })
  afterAll(async () => {
    await client?.quit()
    await server?.stop()
  })
  return [
    { label: 'MemoryStore', createStore: () => new MemoryStore() },
    {
      label: 'RedisStore',
      createStore: () => {
        if (client === undefined) throw new Error('redis-server is not started yet')
        return new RedisStore({ client, prefix: `fly:suite${++suites}:` })
      },
    },
  ]
}
