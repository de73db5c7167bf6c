import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'

import { expect } from 'vitest'

import type { SessionPatch, SessionStore, StoredSession } from '../store'

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

/** A patch with the fields every patch carries filled in. */
export function sessionPatch(fields: Omit<SessionPatch, 'expiresAt'> & Partial<SessionPatch>): SessionPatch {
  return { expiresAt: Date.now() + 60_000, ...fields }
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
    name: 'destroy - should remove the record and resolve true, and resolve false for a key that does not exist',
    async run(store) {
      const key = uniqueKey()
      await store.set(key, storedSession(), 60)
      expect(await store.destroy(key)).toBe(true)
      expect(await store.get(key)).toBeNull()
      expect(await store.destroy(key)).toBe(false)
      expect(await store.destroy(uniqueKey())).toBe(false)
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
        sessionPatch({ set: { change: '[20]', added: '[4]' }, remove: ['drop'], lastAccessedAt }),
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
        sessionPatch({ set: { late: '[1]' }, remove: [], lastAccessedAt: Date.now(), principal: 'ghost' }),
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
      await call(store, 'patch')(
        key,
        sessionPatch({ set: { more: '[1]' }, remove: [], lastAccessedAt: Date.now() }),
        30,
      )
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
      await call(store, 'patch')(
        key,
        sessionPatch({ set: {}, remove: [], lastAccessedAt: Date.now(), principal }),
        60,
      )
      expect((await store.get(key))?.principal).toBe(principal)
      if (typeof store.listByPrincipal === 'function')
        expect(await listedKeys(store, principal)).toEqual([key])
      await call(store, 'patch')(
        key,
        sessionPatch({ set: {}, remove: [], lastAccessedAt: Date.now(), principal: null }),
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
          patch(
            key,
            sessionPatch({ set: { [`field${i}`]: `[${i}]` }, remove: [], lastAccessedAt: Date.now() }),
            60,
          ),
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
    name: 'set - should keep per-session timeouts and the absolute deadline as given',
    async run(store) {
      const key = uniqueKey()
      const record = storedSession({
        idleTimeout: 1_209_600,
        absoluteTimeout: 2_592_000,
        expiresAt: 1_234_567,
      })
      await store.set(key, record, 60)
      expect(await store.get(key)).toEqual(record)
    },
  },
  {
    name: 'set - should round-trip any well-formed text exactly (astral, combining, NUL, U+FFFD, escapes)',
    async run(store) {
      const key = uniqueKey()
      const texts = ['😀 𝄞', 'e\u0301', 'a\u0000b', '\uFFFD', '\\u0000 "q" \n\r\t', '\u2028\u2029', '名前']
      const attributes = Object.fromEntries(texts.map((text, i) => [`${text}:${i}`, JSON.stringify(text)]))
      const principal = `${texts.join('|')}:${uniqueKey()}`
      await store.set(key, storedSession({ attributes, principal }), 60)
      const read = await store.get(key)
      expect(read?.attributes).toEqual(attributes)
      expect(read?.principal).toBe(principal)
    },
  },
  {
    name: 'patch - should keep attribute names like __proto__ and constructor as plain data',
    needs: 'patch',
    async run(store) {
      const key = uniqueKey()
      await store.set(key, storedSession({ attributes: JSON.parse('{"__proto__":"[1]","keep":"[0]"}') }), 60)
      const set = JSON.parse('{"__proto__":"[10]","constructor":"[20]","hasOwnProperty":"[30]"}')
      expect(
        await call(store, 'patch')(key, sessionPatch({ set, remove: [], lastAccessedAt: Date.now() }), 60),
      ).toBe(true)
      const read = await store.get(key)
      expect(Object.getOwnPropertyNames(read!.attributes).sort()).toEqual([
        '__proto__',
        'constructor',
        'hasOwnProperty',
        'keep',
      ])
      expect(Object.getOwnPropertyDescriptor(read!.attributes, '__proto__')?.value).toBe('[10]')
      expect(Object.getOwnPropertyDescriptor(read!.attributes, 'constructor')?.value).toBe('[20]')
      await call(store, 'patch')(
        key,
        sessionPatch({ set: {}, remove: ['__proto__', 'constructor'], lastAccessedAt: Date.now() }),
        60,
      )
      expect(Object.getOwnPropertyNames((await store.get(key))!.attributes).sort()).toEqual([
        'hasOwnProperty',
        'keep',
      ])
    },
  },
  {
    name: 'patch - should set and clear per-session timeouts and keep the new absolute deadline',
    needs: 'patch',
    async run(store) {
      const key = uniqueKey()
      await store.set(key, storedSession(), 60)
      const patch = call(store, 'patch')
      const expiresAt = Date.now() + 5_000_000
      await patch(
        key,
        sessionPatch({
          set: {},
          remove: [],
          lastAccessedAt: Date.now(),
          idleTimeout: 600,
          absoluteTimeout: 7200,
          expiresAt,
        }),
        60,
      )
      let read = await store.get(key)
      expect([read?.idleTimeout, read?.absoluteTimeout, read?.expiresAt]).toEqual([600, 7200, expiresAt])
      await patch(
        key,
        sessionPatch({
          set: {},
          remove: [],
          lastAccessedAt: Date.now(),
          idleTimeout: null,
          absoluteTimeout: null,
        }),
        60,
      )
      read = await store.get(key)
      expect([read?.idleTimeout, read?.absoluteTimeout]).toEqual([undefined, undefined])
    },
  },
  {
    name: 'patch - should refuse a patch that grows the session past maxSize with SessionTooLargeError, writing nothing',
    needs: 'patch',
    async run(store) {
      const key = uniqueKey()
      // name + value bytes: "a" + "[1]" = 4
      await store.set(key, storedSession({ attributes: { a: '[1]' } }), 60)
      const patch = call(store, 'patch')
      const grow = sessionPatch({
        set: { b: `"${'x'.repeat(60)}"` },
        remove: [],
        lastAccessedAt: Date.now(),
        maxSize: 40,
      })
      await expect(patch(key, grow, 60)).rejects.toMatchObject({ code: 'SESSION_TOO_LARGE' })
      expect((await store.get(key))?.attributes).toEqual({ a: '[1]' })
      // Within the limit: applied.
      const fits = sessionPatch({
        set: { b: '"small"' },
        remove: [],
        lastAccessedAt: Date.now(),
        maxSize: 40,
      })
      expect(await patch(key, fits, 60)).toBe(true)
      expect((await store.get(key))?.attributes).toEqual({ a: '[1]', b: '"small"' })
    },
  },
  {
    name: 'patch - should count what concurrent patches added, so together they cannot pass maxSize',
    needs: 'patch',
    async run(store) {
      const key = uniqueKey()
      await store.set(key, storedSession({ attributes: {} }), 60)
      const patch = call(store, 'patch')
      const value = `"${'y'.repeat(98)}"` // 100 bytes + the name
      const outcomes = await Promise.allSettled(
        Array.from({ length: 16 }, (_, i) =>
          patch(
            key,
            sessionPatch({ set: { [`f${i}`]: value }, remove: [], lastAccessedAt: Date.now(), maxSize: 500 }),
            60,
          ),
        ),
      )
      const applied = outcomes.filter((o) => o.status === 'fulfilled').length
      const read = await store.get(key)
      const size = Object.entries(read!.attributes).reduce(
        (n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v),
        0,
      )
      expect(size).toBeLessThanOrEqual(500)
      expect(applied).toBe(Object.keys(read!.attributes).length)
      expect(outcomes.filter((o) => o.status === 'rejected').length).toBe(16 - applied)
    },
  },
  {
    name: 'patch - should apply a patch that does not grow a session already over maxSize',
    needs: 'patch',
    async run(store) {
      const key = uniqueKey()
      await store.set(key, storedSession({ attributes: { big: `"${'z'.repeat(200)}"`, n: '[1]' } }), 60)
      const shrink = sessionPatch({
        set: { big: '"z"' },
        remove: [],
        lastAccessedAt: Date.now(),
        maxSize: 50,
      })
      expect(await call(store, 'patch')(key, shrink, 60)).toBe(true)
      const same = sessionPatch({ set: { n: '[2]' }, remove: [], lastAccessedAt: Date.now(), maxSize: 5 })
      expect(await call(store, 'patch')(key, same, 60)).toBe(true)
      expect((await store.get(key))?.attributes).toEqual({ big: '"z"', n: '[2]' })
    },
  },
  {
    name: 'listByPrincipal - should list a session whose principal changed and changed back, once',
    needs: 'listByPrincipal',
    async run(store) {
      const [ada, bob, key] = [uniqueKey(), uniqueKey(), uniqueKey()]
      await store.set(key, storedSession({ principal: bob }), 60)
      if (typeof store.patch === 'function') {
        const patch = call(store, 'patch')
        await Promise.all([
          patch(key, sessionPatch({ set: {}, remove: [], lastAccessedAt: Date.now(), principal: ada }), 60),
          patch(key, sessionPatch({ set: {}, remove: [], lastAccessedAt: Date.now(), principal: bob }), 60),
        ])
        const owner = (await store.get(key))?.principal
        expect(await listedKeys(store, owner!)).toEqual([key])
        expect(await listedKeys(store, owner === ada ? bob : ada)).toEqual([])
      }
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
