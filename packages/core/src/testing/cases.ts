import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'

import { expect } from 'vitest'

import type { SessionStore, StoredSession } from '../store'

/** An optional store method a case needs; the case is skipped with a reason when it is missing. */
export type StoreCapability = 'patch' | 'touch' | 'listByPrincipal'

/** One conformance case, runnable against any store. */
export interface SessionStoreCase {
  /** "<method> - should <behaviour>" */
  name: string
  needs?: StoreCapability
  /** Waits for a real TTL to pass (about 1.5 s). */
  waitsForTtl?: boolean
  run(store: SessionStore): Promise<void>
}

/** How long past a 1-second TTL the TTL cases wait, in milliseconds. */
const TTL_GRACE_MS = 500

/** A key no other case (or run) uses: the suite must not need a clean store. */
export function uniqueKey(): string {
  return `conformance-${randomBytes(12).toString('base64url')}`
}

export function storedSession(overrides: Partial<StoredSession> = {}): StoredSession {
  const now = Date.now()
  return {
    createdAt: now - 1000,
    lastAccessedAt: now,
    expiresAt: now + 60_000,
    attributes: { count: '[1]', user: '[{"name":1},"Ada"]' },
    ...overrides,
  }
}

function call<K extends StoreCapability>(store: SessionStore, method: K): NonNullable<SessionStore[K]> {
  const fn = store[method] as unknown as (...args: unknown[]) => unknown
  return fn.bind(store) as NonNullable<SessionStore[K]>
}

async function listedKeys(store: SessionStore, principal: string): Promise<string[]> {
  const listed = await call(store, 'listByPrincipal')(principal)
  return listed.map((entry) => entry.key).sort()
}

export const sessionStoreCases: readonly SessionStoreCase[] = [
  {
    name: 'get - should return null for a key that was never set',
    async run(store) {
      expect(await store.get(uniqueKey())).toBeNull()
    },
  },
  {
    name: 'set - should store the record so get returns every field unchanged',
    async run(store) {
      const key = uniqueKey()
      const record = storedSession({ principal: 'ada' })
      await store.set(key, record, 60)
      expect(await store.get(key)).toEqual(record)
    },
  },
  {
    name: 'set - should replace the whole record, dropping attributes the new one lacks',
    async run(store) {
      const key = uniqueKey()
      await store.set(key, storedSession({ attributes: { a: '1', b: '2' } }), 60)
      await store.set(key, storedSession({ attributes: { b: '3' } }), 60)
      expect((await store.get(key))?.attributes).toEqual({ b: '3' })
    },
  },
  {
    name: 'set - should keep records of different keys apart',
    async run(store) {
      const [first, second] = [uniqueKey(), uniqueKey()]
      await store.set(first, storedSession({ attributes: { who: '"first"' } }), 60)
      await store.set(second, storedSession({ attributes: { who: '"second"' } }), 60)
      expect((await store.get(first))?.attributes).toEqual({ who: '"first"' })
      expect((await store.get(second))?.attributes).toEqual({ who: '"second"' })
      await store.destroy(first)
      expect(await store.get(second)).not.toBeNull()
    },
  },
  {
    name: 'get - should return a copy that callers cannot use to change the stored record',
    async run(store) {
      const key = uniqueKey()
      const record = storedSession()
      await store.set(key, record, 60)
      record.attributes.count = '[99]'
      const read = await store.get(key)
      read!.attributes.count = '[42]'
      read!.lastAccessedAt = 0
      const again = await store.get(key)
      expect(again?.attributes.count).toBe('[1]')
      expect(again?.lastAccessedAt).not.toBe(0)
    },
  },
  {
    name: 'destroy - should remove the record, and resolve for a key that does not exist',
    async run(store) {
      const key = uniqueKey()
      await store.set(key, storedSession(), 60)
      await store.destroy(key)
      expect(await store.get(key)).toBeNull()
      await expect(store.destroy(uniqueKey())).resolves.toBeUndefined()
    },
  },
  {
    name: 'set - should expire the record once its ttl has passed',
    waitsForTtl: true,
    async run(store) {
      const key = uniqueKey()
      await store.set(key, storedSession(), 1)
      expect(await store.get(key)).not.toBeNull()
      await sleep(1000 + TTL_GRACE_MS)
      expect(await store.get(key)).toBeNull()
    },
  },
  {
    name: 'set - should keep a 200 KiB attribute and 1000 attributes intact',
    async run(store) {
      const key = uniqueKey()
      const big = `"${'x'.repeat(200 * 1024)}"`
      const attributes: Record<string, string> = { big }
      for (let i = 0; i < 1000; i++) attributes[`a${i}`] = `[${i}]`
      await store.set(key, storedSession({ attributes }), 60)
      const read = await store.get(key)
      expect(read?.attributes.big).toBe(big)
      expect(Object.keys(read!.attributes)).toHaveLength(1001)
      expect(read?.attributes.a999).toBe('[999]')
    },
  },
  {
    name: 'set - should keep attribute names like __proto__, constructor and unicode as plain data',
    async run(store) {
      const key = uniqueKey()
      const attributes = JSON.parse(
        '{"__proto__":"[1]","constructor":"[2]","naïve:名前":"[3]","a b;c=d":"[4]"}',
      )
      await store.set(key, storedSession({ attributes }), 60)
      const read = await store.get(key)
      expect(Object.getOwnPropertyNames(read!.attributes).sort()).toEqual([
        '__proto__',
        'a b;c=d',
        'constructor',
        'naïve:名前',
      ])
      expect(
        Object.getPrototypeOf(read!.attributes) === null ||
          Object.getPrototypeOf(read!.attributes) === Object.prototype,
      ).toBe(true)
      expect(({} as Record<string, unknown>).constructor).toBe(Object)
    },
  },
  {
    name: 'patch - should change only the named attributes and remove the removed ones',
    needs: 'patch',
    async run(store) {
      const key = uniqueKey()
      const record = storedSession({ attributes: { keep: '[1]', change: '[2]', drop: '[3]' } })
      await store.set(key, record, 60)
      const lastAccessedAt = record.lastAccessedAt + 5000
      const written = await call(store, 'patch')(
        key,
        { set: { change: '[20]', added: '[4]' }, remove: ['drop'], lastAccessedAt },
        60,
      )
      expect(written).toBe(true)
      const read = await store.get(key)
      expect(read?.attributes).toEqual({ keep: '[1]', change: '[20]', added: '[4]' })
      expect(read?.lastAccessedAt).toBe(lastAccessedAt)
      expect(read?.createdAt).toBe(record.createdAt)
    },
  },
  {
    name: 'patch - should return false and write nothing when the record no longer exists',
    needs: 'patch',
    async run(store) {
      const key = uniqueKey()
      await store.set(key, storedSession({ principal: 'ghost' }), 60)
      await store.destroy(key)
      const written = await call(store, 'patch')(
        key,
        { set: { late: '[1]' }, remove: [], lastAccessedAt: Date.now(), principal: 'ghost' },
        60,
      )
      expect(written).toBe(false)
      expect(await store.get(key)).toBeNull()
      if (typeof store.listByPrincipal === 'function')
        expect(await listedKeys(store, 'ghost')).not.toContain(key)
    },
  },
  {
    name: 'patch - should refresh the ttl',
    needs: 'patch',
    waitsForTtl: true,
    async run(store) {
      const key = uniqueKey()
      await store.set(key, storedSession(), 1)
      await call(store, 'patch')(key, { set: { more: '[1]' }, remove: [], lastAccessedAt: Date.now() }, 30)
      await sleep(1000 + TTL_GRACE_MS)
      expect((await store.get(key))?.attributes.more).toBe('[1]')
    },
  },
  {
    name: 'patch - should set the principal, and clear it with null',
    needs: 'patch',
    async run(store) {
      const key = uniqueKey()
      const principal = uniqueKey()
      await store.set(key, storedSession(), 60)
      await call(store, 'patch')(key, { set: {}, remove: [], lastAccessedAt: Date.now(), principal }, 60)
      expect((await store.get(key))?.principal).toBe(principal)
      if (typeof store.listByPrincipal === 'function')
        expect(await listedKeys(store, principal)).toEqual([key])
      await call(store, 'patch')(
        key,
        { set: {}, remove: [], lastAccessedAt: Date.now(), principal: null },
        60,
      )
      expect((await store.get(key))?.principal).toBeUndefined()
      if (typeof store.listByPrincipal === 'function') expect(await listedKeys(store, principal)).toEqual([])
    },
  },
  {
    name: 'patch - should keep every attribute when many requests patch different ones at once',
    needs: 'patch',
    async run(store) {
      const key = uniqueKey()
      await store.set(key, storedSession({ attributes: {} }), 60)
      const patch = call(store, 'patch')
      await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          patch(key, { set: { [`field${i}`]: `[${i}]` }, remove: [], lastAccessedAt: Date.now() }, 60),
        ),
      )
      const read = await store.get(key)
      expect(Object.keys(read!.attributes).sort()).toEqual(
        Array.from({ length: 25 }, (_, i) => `field${i}`).sort(),
      )
    },
  },
  {
    name: 'touch - should set lastAccessedAt and keep the attributes',
    needs: 'touch',
    async run(store) {
      const key = uniqueKey()
      const record = storedSession()
      await store.set(key, record, 60)
      const lastAccessedAt = record.lastAccessedAt + 7000
      expect(await call(store, 'touch')(key, lastAccessedAt, 60)).toBe(true)
      const read = await store.get(key)
      expect(read?.lastAccessedAt).toBe(lastAccessedAt)
      expect(read?.attributes).toEqual(record.attributes)
    },
  },
  {
    name: 'touch - should refresh the ttl',
    needs: 'touch',
    waitsForTtl: true,
    async run(store) {
      const key = uniqueKey()
      await store.set(key, storedSession(), 1)
      await call(store, 'touch')(key, Date.now(), 30)
      await sleep(1000 + TTL_GRACE_MS)
      expect(await store.get(key)).not.toBeNull()
    },
  },
  {
    name: 'touch - should return false and create nothing when the record no longer exists',
    needs: 'touch',
    async run(store) {
      const key = uniqueKey()
      expect(await call(store, 'touch')(key, Date.now(), 60)).toBe(false)
      expect(await store.get(key)).toBeNull()
    },
  },
  {
    name: "listByPrincipal - should list exactly the principal's live sessions",
    needs: 'listByPrincipal',
    async run(store) {
      const [ada, bob] = [uniqueKey(), uniqueKey()]
      const [a1, a2, a3, b1] = [uniqueKey(), uniqueKey(), uniqueKey(), uniqueKey()]
      await store.set(a1, storedSession({ principal: ada }), 60)
      await store.set(a2, storedSession({ principal: ada }), 60)
      await store.set(a3, storedSession({ principal: ada }), 60)
      await store.set(b1, storedSession({ principal: bob }), 60)
      await store.destroy(a3)
      expect(await listedKeys(store, ada)).toEqual([a1, a2].sort())
      const listed = await call(store, 'listByPrincipal')(bob)
      expect(listed).toHaveLength(1)
      expect(listed[0]?.session.principal).toBe(bob)
      expect(await listedKeys(store, uniqueKey())).toEqual([])
    },
  },
  {
    name: 'listByPrincipal - should drop a session whose principal was replaced by set',
    needs: 'listByPrincipal',
    async run(store) {
      const [ada, bob, key] = [uniqueKey(), uniqueKey(), uniqueKey()]
      await store.set(key, storedSession({ principal: ada }), 60)
      await store.set(key, storedSession({ principal: bob }), 60)
      expect(await listedKeys(store, ada)).toEqual([])
      expect(await listedKeys(store, bob)).toEqual([key])
    },
  },
  {
    name: 'listByPrincipal - should not list sessions whose ttl has passed',
    needs: 'listByPrincipal',
    waitsForTtl: true,
    async run(store) {
      const [ada, short, long] = [uniqueKey(), uniqueKey(), uniqueKey()]
      await store.set(short, storedSession({ principal: ada }), 1)
      await store.set(long, storedSession({ principal: ada }), 60)
      await sleep(1000 + TTL_GRACE_MS)
      expect(await listedKeys(store, ada)).toEqual([long])
    },
  },
]
