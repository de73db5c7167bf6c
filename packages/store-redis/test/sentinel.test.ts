import { describeSessionStore } from '@fly-session/core/testing'
import {
  type RedisSentinelHandle,
  type RedisServerHandle,
  startRedisSentinel,
  startRedisServer,
} from '@fly-session/testkit/redis'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RedisStore } from '../src'

let master: RedisServerHandle
let sentinel: RedisSentinelHandle
let client: Redis

beforeAll(async () => {
  master = await startRedisServer()
  sentinel = await startRedisSentinel(master)
  // The client knows only the Sentinel; it asks it where the master is.
  client = new Redis({ sentinels: [{ host: sentinel.host, port: sentinel.port }], name: sentinel.masterName })
})

afterAll(async () => {
  await client.quit()
  await Promise.all([sentinel.stop(), master.stop()])
})

describeSessionStore('RedisStore through Sentinel, ioredis 5', () => new RedisStore({ client }))

describe('the Sentinel set-up', () => {
  it('routes the store to the master the Sentinel names', async () => {
    await new RedisStore({ client }).set(
      'via-sentinel',
      { createdAt: 1, lastAccessedAt: 1, expiresAt: 1, attributes: {} },
      60,
    )
    const direct = new Redis(master.url)
    try {
      expect(await direct.exists('fly:sess:via-sentinel')).toBe(1)
    } finally {
      direct.disconnect()
    }
  })
})
