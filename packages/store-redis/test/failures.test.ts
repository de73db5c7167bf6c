import { once } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'

import { createSessionManager, type SessionManager, SessionStoreError } from '@fly-session/core'
import { driveRequest } from '@fly-session/core/testing'
import type { RedisOptions } from 'ioredis'
import { describe, expect, it } from 'vitest'
import { RedisStore } from '../src'
import { useRedisServer } from './support/redis-server-fixture'
import './support/session-data'

const secret = 'a-test-secret-that-is-long-enough-0123456789'
/** The store's per-call limit in these tests, in seconds. */
const COMMAND_TIMEOUT = 1
/** Slack on top of it for a busy machine, in milliseconds. */
const SLACK_MS = 1000

const redis = useRedisServer()

async function managerOver(options: RedisOptions): Promise<SessionManager> {
  const client = redis.client(options)
  // Connection errors are expected here; without a listener ioredis prints each one.
  client.on('error', () => {})
  // Without the offline queue, commands sent before the connection is up fail at once.
  await once(client, 'ready')
  return createSessionManager({ store: new RedisStore({ client, commandTimeout: COMMAND_TIMEOUT }), secret })
}

/** Loads a session and records how the load ended and how long it took, in milliseconds. */
async function timedLoad(manager: SessionManager, cookie: string | undefined) {
  const started = Date.now()
  const error = await manager
    .begin(cookie)
    .load()
    .then(
      () => undefined,
      (failure: unknown) => failure,
    )
  return { error, elapsed: Date.now() - started }
}

/** Bounded wait until a request through `manager` succeeds again (ioredis reconnects on its own). */
async function untilServing(manager: SessionManager): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const ok = await driveRequest(manager, undefined, (s) => s.set('views', 1)).then(
      () => true,
      () => false,
    )
    if (ok) return
    await sleep(200)
  }
  throw new Error('the store did not recover within 50 attempts')
}

const clientSettings: Array<[string, RedisOptions]> = [
  ['ioredis defaults (offline queue, 20 retries)', {}],
  [
    'the recommended client settings',
    { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 500 },
  ],
]

describe.each(clientSettings)('a Redis that goes away, with %s', (_, options) => {
  it('fails a request with SessionStoreError within commandTimeout, then serves again once Redis is back', async () => {
    const manager = await managerOver(options)
    const { cookie } = await driveRequest(manager, undefined, (s) => s.set('views', 1))
    await redis.server.kill()
    try {
      const { error, elapsed } = await timedLoad(manager, cookie)
      expect(error).toBeInstanceOf(SessionStoreError)
      expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE', status: 503 })
      expect(elapsed).toBeLessThan(COMMAND_TIMEOUT * 1000 + SLACK_MS)
    } finally {
      await redis.server.start()
    }
    await untilServing(manager)
  })

  it('fails a request with SessionStoreError within commandTimeout while Redis hangs, then serves again', async () => {
    const manager = await managerOver(options)
    const { cookie } = await driveRequest(manager, undefined, (s) => s.set('views', 1))
    redis.server.pause()
    try {
      const { error, elapsed } = await timedLoad(manager, cookie)
      expect(error).toBeInstanceOf(SessionStoreError)
      expect(elapsed).toBeLessThan(COMMAND_TIMEOUT * 1000 + SLACK_MS)
    } finally {
      redis.server.resume()
    }
    const after = await driveRequest(manager, cookie)
    expect(after.session.get('views')).toBe(1)
  })
})

describe('RedisStore defaults (what its README says)', () => {
  it('gives up on a Redis that does not answer after commandTimeout, 2 s by default', async () => {
    const client = redis.client()
    client.on('error', () => {})
    await client.ping()
    const store = new RedisStore({ client })
    redis.server.pause()
    try {
      const started = Date.now()
      const error = await store.get('never-answered').then(
        () => undefined,
        (failure: unknown) => failure,
      )
      const elapsed = Date.now() - started
      expect(String(error)).toContain('within 2 s (RedisStore commandTimeout)')
      expect(elapsed).toBeGreaterThanOrEqual(1900)
      expect(elapsed).toBeLessThan(2000 + SLACK_MS)
    } finally {
      redis.server.resume()
    }
  })
})
