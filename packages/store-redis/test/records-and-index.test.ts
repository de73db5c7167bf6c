import type { SessionStore } from '@fly-session/core'
import { sessionPatch as patchOf, storedSession, uniqueKey } from '@fly-session/core/testing'
import type { Redis } from 'ioredis'
import { beforeAll, describe, expect, it } from 'vitest'
import { RedisStore } from '../src'
import { useRedisServer } from './support/redis-server-fixture'

const redis = useRedisServer()
let client: Redis
let store: RedisStore

beforeAll(() => {
  client = redis.client()
  store = new RedisStore({ client })
})

const hashKey = (key: string) => `fly:sess:${key}`
const indexKey = (principal: string) => `fly:sess:principal:${principal}`

describe('bad input', () => {
  it('constructor - should reject a missing client and a non-positive commandTimeout', () => {
    expect(() => new RedisStore({} as never)).toThrow(/needs `client`/)
    expect(() => new RedisStore({ client, commandTimeout: 0 })).toThrow(/commandTimeout/)
  })

  it('set - should reject a bad ttl and write nothing', async () => {
    const key = uniqueKey()
    for (const ttl of [0, -1, Number.NaN, Number.POSITIVE_INFINITY])
      await expect(store.set(key, storedSession(), ttl)).rejects.toThrow(/ttl must be a positive number/)
    expect(await client.exists(hashKey(key))).toBe(0)
  })

  it('patch - should reject a bad ttl and leave the record as it was', async () => {
    const key = uniqueKey()
    const record = storedSession()
    await store.set(key, record, 60)
    await expect(
      store.patch(key, patchOf({ set: { count: '[9]' }, remove: [], lastAccessedAt: Date.now() }), 0),
    ).rejects.toThrow(TypeError)
    expect(await store.get(key)).toEqual(record)
  })

  it('every method - should reject an empty key and keys in the index namespace', async () => {
    await expect(store.get('')).rejects.toThrow(/non-empty string/)
    await expect(store.set('principal:ada', storedSession(), 60)).rejects.toThrow(/reserved/)
    expect(await client.exists(hashKey('principal:ada'))).toBe(0)
  })

  it('get - should fail clearly on a hash that is not a session, and on a key of another type, changing neither', async () => {
    const [foreignHash, foreignString] = [uniqueKey(), uniqueKey()]
    await client.hset(hashKey(foreignHash), 'name', 'not a session')
    await client.set(hashKey(foreignString), 'plain')
    await expect(store.get(foreignHash)).rejects.toThrow(/not a session record/)
    // The write scripts refuse it too, rather than treating it as a session with no data.
    await expect(
      store.patch(foreignHash, patchOf({ set: { a: '1' }, remove: [], lastAccessedAt: 1 }), 60),
    ).rejects.toThrow(/not a session record/)
    await expect(store.touch(foreignHash, 1, 60)).rejects.toThrow(/not a session record/)
    await expect(store.get(foreignString)).rejects.toThrow(/WRONGTYPE/)
    await expect(
      store.patch(foreignString, patchOf({ set: {}, remove: [], lastAccessedAt: 1 }), 60),
    ).rejects.toThrow(/WRONGTYPE/)
    expect(await client.hgetall(hashKey(foreignHash))).toEqual({ name: 'not a session' })
    expect(await client.pttl(hashKey(foreignHash))).toBe(-1)
    expect(await client.get(hashKey(foreignString))).toBe('plain')
  })
})

describe('records', () => {
  it('set and patch - should handle 5000 attributes (past Lua unpack limits)', async () => {
    const key = uniqueKey()
    const attributes = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`a${i}`, `[${i}]`]))
    await store.set(key, storedSession({ attributes }), 60)
    expect(Object.keys((await store.get(key))!.attributes)).toHaveLength(5000)
    const set = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`b${i}`, `[${i}]`]))
    const remove = Array.from({ length: 3000 }, (_, i) => `a${i}`)
    expect(await store.patch(key, patchOf({ set, remove, lastAccessedAt: Date.now() }), 60)).toBe(true)
    const read = await store.get(key)
    expect(Object.keys(read!.attributes)).toHaveLength(5000)
    expect(read!.attributes.a2999).toBeUndefined()
    expect(read!.attributes.b2999).toBe('[2999]')
  })

  it('set - should keep attributes named like metadata fields apart from the metadata', async () => {
    const key = uniqueKey()
    const record = storedSession({
      attributes: { 'meta:createdAt': '"x"', 'meta:record': '"r"', 'attr:y': '"y"', createdAt: '[1]' },
    })
    await store.set(key, record, 60)
    expect(await store.get(key)).toEqual(record)
  })

  it('prefix - should keep stores with different prefixes apart on one server', async () => {
    const other: SessionStore = new RedisStore({ client, prefix: 'other-app:' })
    const key = uniqueKey()
    await store.set(key, storedSession({ attributes: { app: '"first"' } }), 60)
    expect(await other.get(key)).toBeNull()
    await other.set(key, storedSession({ attributes: { app: '"second"' } }), 60)
    expect((await store.get(key))?.attributes.app).toBe('"first"')
  })
})

describe('principal index', () => {
  it('listByPrincipal - should list neither a vanished session nor one that names someone else', async () => {
    const principal = uniqueKey()
    const [live, vanished, moved] = [uniqueKey(), uniqueKey(), uniqueKey()]
    for (const key of [live, vanished, moved]) await store.set(key, storedSession({ principal }), 60)
    await client.del(hashKey(vanished))
    await client.hset(hashKey(moved), 'meta:principal', 'someone-else')
    expect((await store.listByPrincipal(principal)).map((entry) => entry.key)).toEqual([live])
  })

  it('listByPrincipal - should prune members that fail the check once their indexed expiry has passed', async () => {
    const principal = uniqueKey()
    const [live, vanished, moved] = [uniqueKey(), uniqueKey(), uniqueKey()]
    const past = Date.now() - 1000
    await store.set(live, storedSession({ principal }), 60)
    for (const key of [vanished, moved])
      await store.set(key, storedSession({ principal, expiresAt: past }), 60)
    await client.del(hashKey(vanished))
    await client.hset(hashKey(moved), 'meta:principal', 'someone-else')
    await store.listByPrincipal(principal)
    expect(await client.zrange(indexKey(principal), 0, -1)).toEqual([live])
  })

  it('listByPrincipal - should keep the index entry of a session still being written', async () => {
    // set() indexes first and writes the hash next; a read in between must not unindex it.
    const principal = uniqueKey()
    await client.zadd(indexKey(principal), Date.now() + 60_000, 'being-written')
    expect(await store.listByPrincipal(principal)).toEqual([])
    expect(await client.zrange(indexKey(principal), 0, -1)).toEqual(['being-written'])
  })

  it('set - should prune members whose absolute deadline has passed', async () => {
    const principal = uniqueKey()
    await client.zadd(indexKey(principal), Date.now() - 10_000, 'long-gone')
    await store.set(uniqueKey(), storedSession({ principal }), 60)
    expect(await client.zscore(indexKey(principal), 'long-gone')).toBeNull()
  })

  it("patch - should leave a session in its old principal's index when the principal changes, and list it only under the new one", async () => {
    const [ada, bob, key] = [uniqueKey(), uniqueKey(), uniqueKey()]
    await store.set(key, storedSession({ principal: ada }), 60)
    await store.patch(key, patchOf({ set: {}, remove: [], lastAccessedAt: Date.now(), principal: bob }), 60)
    expect(await client.zscore(indexKey(ada), key)).not.toBeNull()
    expect((await store.listByPrincipal(ada)).map((e) => e.key)).toEqual([])
    expect((await store.listByPrincipal(bob)).map((e) => e.key)).toEqual([key])
  })
})
