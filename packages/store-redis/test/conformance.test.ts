import { describeSessionStore } from '@fly-session/core/testing'
import { type RedisServerHandle, startRedisServer } from '@fly-session/testkit/redis'
import { Redis as Redis5 } from 'ioredis'
import { Redis as Redis6 } from 'ioredis6'
import { afterAll, beforeAll } from 'vitest'
import { RedisStore } from '../src'

let server: RedisServerHandle
let clients: { v5: Redis5; v6: Redis6; v6resp3: Redis6 }

beforeAll(async () => {
  server = await startRedisServer()
  clients = {
    v5: new Redis5(server.url),
    v6: new Redis6(server.url),
    // RESP3 changes reply shapes (maps, booleans): the store must not depend on RESP2's.
    v6resp3: new Redis6(server.url, { protocol: 3 }),
  }
})

afterAll(async () => {
  await Promise.all(Object.values(clients).map((client) => client.quit()))
  await server.stop()
})

describeSessionStore('RedisStore, standalone, ioredis 5', () => new RedisStore({ client: clients.v5 }))
describeSessionStore('RedisStore, standalone, ioredis 6', () => new RedisStore({ client: clients.v6 }))
describeSessionStore(
  'RedisStore, standalone, ioredis 6 over RESP3',
  () => new RedisStore({ client: clients.v6resp3, prefix: 'resp3:' }),
)
