import { sessionPatch as patchOf, storedSession, uniqueKey } from '@fly-session/core/testing'
import { recordCommands as record, type SeenCommand } from '@fly-session/testkit/redis'
import type { Redis } from 'ioredis'
import { beforeAll, describe, expect, it } from 'vitest'
import { RedisStore } from '../src'
import { allScripts } from '../src/scripts'
import { useRedisServer } from './support/redis-server-fixture'

const redis = useRedisServer()
let inspector: Redis
let store: RedisStore

beforeAll(() => {
  inspector = redis.client()
  store = new RedisStore({ client: redis.client() })
})

const recordCommands = (url: string, work: () => Promise<void>) => record(url, work, { scripts: allScripts })
const names = (commands: SeenCommand[]) => commands.map((seen) => seen.script ?? seen.command)

describe('commands on the wire', () => {
  it('get - should send exactly one command, HGETALL', async () => {
    const key = uniqueKey()
    await store.set(key, storedSession(), 60)
    const seen = await recordCommands(redis.server.url, async () => {
      expect(await store.get(key)).not.toBeNull()
    })
    expect(seen).toEqual([{ command: 'HGETALL', key: `fly:sess:${key}` }])
  })

  it('patch - should send exactly one script call, the first time and after', async () => {
    const key = uniqueKey()
    await store.set(key, storedSession(), 60)
    for (let i = 0; i < 2; i++) {
      const seen = await recordCommands(redis.server.url, async () => {
        const change = patchOf({ set: { [`a${i}`]: '[1]' }, remove: ['count'], lastAccessedAt: Date.now() })
        expect(await store.patch(key, change, 60)).toBe(true)
      })
      expect(names(seen)).toEqual(['flySessionUpdateV4'])
      expect(seen[0]?.key).toBe(`fly:sess:${key}`)
    }
  })

  it('patch - should pack its numbers into one argument (each argument costs the client time), then pairs, then removals', async () => {
    const key = uniqueKey()
    await store.set(key, storedSession(), 60)
    const change = patchOf({
      set: { a: '[1]', b: '"x"' },
      remove: ['count'],
      lastAccessedAt: 1_000,
      expiresAt: 2_000,
      maxSize: 4096,
    })
    const seen = await recordCommands(redis.server.url, async () => {
      expect(await store.patch(key, change, 60)).toBe(true)
    })
    // ttl in ms : maxSize : pairs : lastAccessedAt : expiresAt
    expect(seen[0]?.scriptArgs).toEqual([
      '60000:4096:2:1000:2000',
      'attr:a',
      '[1]',
      'attr:b',
      '"x"',
      'attr:count',
    ])
    expect((await store.get(key))?.lastAccessedAt).toBe(1_000)
  })

  it('patch - should do its reads and writes inside the script, on the session key only', async () => {
    const key = uniqueKey()
    await store.set(key, storedSession(), 60)
    const change = patchOf({ set: { a: '[1]' }, remove: [], lastAccessedAt: Date.now() })
    const work = async () => {
      expect(await store.patch(key, change, 60)).toBe(true)
    }
    const seen = await record(redis.server.url, work, { scripts: allScripts, inScripts: true })
    expect(names(seen.filter((seen) => !seen.inScript))).toEqual(['flySessionUpdateV4'])
    const inside = seen.filter((seen) => seen.inScript)
    // The lean path: one read (record field + old values), the pairs and record in one HSET, the TTL.
    expect(inside.map((seen) => seen.command)).toEqual(['HMGET', 'HSET', 'PEXPIRE'])
    expect(new Set(inside.map((seen) => seen.key))).toEqual(new Set([`fly:sess:${key}`]))
  })

  it('touch - should send one script call, and re-index a session that has a principal (warming or restoring its index)', async () => {
    const [anonymous, signedIn] = [uniqueKey(), uniqueKey()]
    await store.set(anonymous, storedSession(), 60)
    await store.set(signedIn, storedSession({ principal: 'ada' }), 60)
    const touched = await recordCommands(redis.server.url, async () => {
      expect(await store.touch(anonymous, Date.now(), 60)).toBe(true)
    })
    expect(names(touched)).toEqual(['flySessionTouchV4'])
    // An evicted index comes back with the next touch.
    await inspector.del('fly:sess:principal:ada')
    const seen = await recordCommands(redis.server.url, async () => {
      expect(await store.touch(signedIn, Date.now(), 60)).toBe(true)
    })
    expect(names(seen)).toEqual(['flySessionTouchV4', 'flySessionIndexAddV2'])
    expect((await store.listByPrincipal('ada')).map((e) => e.key)).toContain(signedIn)
  })

  it('patch - should return false after destroy and leave neither the session nor an index key', async () => {
    const [key, principal] = [uniqueKey(), uniqueKey()]
    await store.set(key, storedSession({ principal }), 60)
    expect(await inspector.exists(`fly:sess:principal:${principal}`)).toBe(1)
    await store.destroy(key)
    const late = patchOf({ set: { late: '[1]' }, remove: [], lastAccessedAt: Date.now(), principal })
    expect(await store.patch(key, late, 60)).toBe(false)
    expect(await store.touch(key, Date.now(), 60)).toBe(false)
    expect(await inspector.exists(`fly:sess:${key}`, `fly:sess:principal:${principal}`)).toBe(0)
  })
})

describe('expiry on every write', () => {
  const pttl = (key: string) => inspector.pttl(`fly:sess:${key}`)

  it('set, patch and touch - should each set the key expiry to the ttl they were given', async () => {
    const key = uniqueKey()
    await store.set(key, storedSession(), 60)
    expect(await pttl(key)).toBeGreaterThan(58_000)
    expect(await pttl(key)).toBeLessThanOrEqual(60_000)
    await store.patch(key, patchOf({ set: { b: '[2]' }, remove: [], lastAccessedAt: Date.now() }), 120)
    expect(await pttl(key)).toBeGreaterThan(118_000)
    expect(await pttl(key)).toBeLessThanOrEqual(120_000)
    // Shorter than before: the expiry is set, not only extended.
    await store.touch(key, Date.now(), 30)
    expect(await pttl(key)).toBeGreaterThan(28_000)
    expect(await pttl(key)).toBeLessThanOrEqual(30_000)
  })

  it('set and patch - should store expiresAt (the absolute deadline) as given, never recomputed from the ttl', async () => {
    const key = uniqueKey()
    const record = storedSession()
    await store.set(key, record, 60)
    expect((await store.get(key))?.expiresAt).toBe(record.expiresAt)
    await store.patch(
      key,
      patchOf({ set: {}, remove: [], lastAccessedAt: Date.now(), expiresAt: 4_000_000 }),
      90,
    )
    expect((await store.get(key))?.expiresAt).toBe(4_000_000)
    await store.touch(key, Date.now(), 30)
    expect((await store.get(key))?.expiresAt).toBe(4_000_000)
  })

  it("set and patch - should give the principal index a TTL reaching its latest member's absolute deadline", async () => {
    const [principal, first, second] = [uniqueKey(), uniqueKey(), uniqueKey()]
    const indexKey = `fly:sess:principal:${principal}`
    await store.set(first, storedSession({ principal, expiresAt: Date.now() + 3_600_000 }), 60)
    expect(await inspector.pttl(indexKey)).toBeGreaterThan(3_590_000)
    await store.set(second, storedSession({ expiresAt: Date.now() + 7_200_000 }), 60)
    await store.patch(
      second,
      patchOf({
        set: {},
        remove: [],
        lastAccessedAt: Date.now(),
        principal,
        expiresAt: Date.now() + 7_200_000,
      }),
      60,
    )
    expect(await inspector.pttl(indexKey)).toBeGreaterThan(7_190_000)
    // A member with an earlier deadline never shortens it.
    await store.set(uniqueKey(), storedSession({ principal, expiresAt: Date.now() + 60_000 }), 60)
    expect(await inspector.pttl(indexKey)).toBeGreaterThan(7_190_000)
  })
})
