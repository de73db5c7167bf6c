import { describeSessionStore } from '@fly-session/core/testing'
import { type RedisClusterHandle, startRedisCluster } from '@fly-session/testkit/redis'
import { Cluster as Cluster5 } from 'ioredis'
import { Cluster as Cluster6 } from 'ioredis6'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RedisStore } from '../src'

let cluster: RedisClusterHandle
let clients: { v5: Cluster5; v6: Cluster6 }

beforeAll(async () => {
  const started = Date.now()
  cluster = await startRedisCluster({ masters: 3 })
  const formed = Date.now()
  clients = { v5: new Cluster5(cluster.startupNodes), v6: new Cluster6(cluster.startupNodes) }
  await Promise.all([clients.v5.ping(), clients.v6.ping()])
  console.info(
    `3-master Redis Cluster: formed in ${formed - started} ms, ready for ioredis in ${Date.now() - started} ms`,
  )
})

afterAll(async () => {
  await Promise.all([clients.v5.quit(), clients.v6.quit()])
  await cluster.stop()
})

// Session hashes and principal indexes land in different slots here, so any command spanning
// two of them fails with CROSSSLOT and fails these cases.
describeSessionStore('RedisStore, 3-master Cluster, ioredis 5', () => new RedisStore({ client: clients.v5 }))
describeSessionStore(
  'RedisStore, 3-master Cluster, ioredis 6',
  () => new RedisStore({ client: clients.v6, prefix: 'v6:' }),
)

describe('the Cluster the suite runs on', () => {
  it('rejects one script over a session hash and its principal index with CROSSSLOT', async () => {
    const [sessionKey, indexKey] = ['fly:sess:abc', 'fly:sess:principal:ada']
    expect(await clients.v5.cluster('KEYSLOT', sessionKey)).not.toBe(
      await clients.v5.cluster('KEYSLOT', indexKey),
    )
    await expect(clients.v5.eval('return 1', 2, sessionKey, indexKey)).rejects.toThrow(/CROSSSLOT/)
  })
})
