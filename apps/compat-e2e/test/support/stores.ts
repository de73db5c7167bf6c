import type { SessionStore } from '@fly-session/core'
import { MemoryStore } from '@fly-session/store-memory'
import { RedisStore } from '@fly-session/store-redis'
import { type RedisServerHandle, startRedisServer } from '@fly-session/testkit/redis'
import Redis from 'ioredis'
import { afterAll, beforeAll } from 'vitest'

/** A fly-session store a suite runs against: its label in test names, and how to make one. */
export interface StoreKind {
  label: string
  createStore: () => SessionStore
}

/** One real redis-server for the test file (started in `beforeAll`), and its URL. */
export function redisServer(): { url: () => string } {
  let server: RedisServerHandle | undefined
  beforeAll(async () => {
    server = await startRedisServer()
  })
  afterAll(async () => {
    await server?.stop()
  })
  return {
    url: () => {
      if (server === undefined) throw new Error('redis-server is not started yet')
      return server.url
    },
  }
}

let prefixes = 0

/** MemoryStore, and RedisStore over the file's redis-server (each store with its own key prefix). */
export function flyStores(redis: { url: () => string }): StoreKind[] {
  const clients: Redis[] = []
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.quit()))
  })
  return [
    { label: 'MemoryStore', createStore: () => new MemoryStore() },
    {
      label: 'RedisStore',
      createStore: () => {
        const client = new Redis(redis.url())
        clients.push(client)
        return new RedisStore({ client, prefix: `fly:compat${++prefixes}:` })
      },
    },
  ]
}

/** The fly-session secret the test apps sign with. */
export const FLY_SECRET = 'compat-e2e-secret-that-is-long-enough-to-sign'
