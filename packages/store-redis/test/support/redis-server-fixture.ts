import { type RedisServerHandle, type RedisServerOptions, startRedisServer } from '@fly-session/testkit/redis'
import { Redis, type RedisOptions } from 'ioredis'
import { afterAll, beforeAll } from 'vitest'

/** One test file's own redis-server, and the clients it opened, all closed after its tests. */
export interface RedisServerFixture {
  /** The server; available from the file's `beforeAll` hooks on. */
  readonly server: RedisServerHandle
  /** A new ioredis client of the server, disconnected after the file's tests. */
  client(options?: RedisOptions): Redis
}

/** Starts a redis-server before the file's tests and stops it (and its clients) after them. */
export function useRedisServer(options?: RedisServerOptions): RedisServerFixture {
  let server: RedisServerHandle | undefined
  const clients: Redis[] = []
  beforeAll(async () => {
    server = await startRedisServer(options)
  })
  afterAll(async () => {
    for (const client of clients) client.disconnect()
    await server?.stop()
  })
  return {
    get server() {
      if (!server) throw new Error('the redis-server starts in beforeAll: use it from a hook or a test')
      return server
    },
    client(clientOptions = {}) {
      const client = new Redis(this.server.url, clientOptions)
      clients.push(client)
      return client
    },
  }
}
