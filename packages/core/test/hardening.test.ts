import { setTimeout as sleep } from 'node:timers/promises'
import { inspect } from 'node:util'

import { describe, expect, it } from 'vitest'

import { createSessionManager, SessionStateError, SessionStoreError } from '../src'
import { readSessionCookie } from '../src/session-cookie'
import { isWellFormed } from '../src/well-formed'
import { LoggedStore } from './support/logged-store'
import { cookiePair, request, SECRET, setup } from './support/requests'
import './support/session-data'

// Regression tests for the defects of the hardening review, one describe per defect.

const RETIRED = 'a-retired-secret-that-is-also-long-enough-42'

/** Everything a careless log line or response body could show of `value`. */
function everyRendering(value: unknown): string {
  return [
    JSON.stringify(value) ?? '',
    inspect(value, { showHidden: true, depth: Number.POSITIVE_INFINITY, getters: true }),
    String(Object.keys(value as object)),
    Object.getOwnPropertyNames(value as object)
      .map((name) => inspect((value as Record<string, unknown>)[name], { showHidden: true, depth: 10 }))
      .join('\n'),
  ].join('\n')
}

describe('1. nothing reachable from a session, lifecycle, manager or store shows a secret, the raw ID or the config', () => {
  it('hides them from JSON.stringify, util.inspect (showHidden) and enumeration, in hooks too', async () => {
    const seenByHooks: unknown[] = []
    const store = new LoggedStore()
    const manager = createSessionManager({
      store,
      secret: [SECRET, RETIRED],
      hooks: { created: (s) => seenByHooks.push(s), regenerated: (s) => seenByHooks.push(s) },
    })
    const first = await request(manager, undefined, (s) => s.set('views', 1))
    const lifecycle = manager.begin(first.cookie)
    const session = await lifecycle.load()
    session.regenerate()
    lifecycle.setCookie()
    await lifecycle.commit()
    const rawIds = [first.session.id, session.id]
    for (const target of [session, first.session, lifecycle, manager, store, ...seenByHooks]) {
      const shown = everyRendering(target)
      for (const secret of [SECRET, RETIRED]) expect(shown).not.toContain(secret)
      for (const id of rawIds) expect(shown).not.toContain(id)
      expect(shown).not.toMatch(/idleTimeoutMs|secrets/)
    }
    expect(seenByHooks).toHaveLength(2)
  })

  it('shows the session as its times, principal and attribute names in JSON and inspect', async () => {
    const { manager } = setup()
    const { session } = await request(manager, undefined, (s) => {
      s.set('views', 3)
      s.principal = 'ada'
    })
    expect(JSON.parse(JSON.stringify(session))).toEqual({
      isNew: true,
      createdAt: session.createdAt,
      lastAccessedAt: session.lastAccessedAt,
      expiresAt: session.expiresAt,
      principal: 'ada',
      attributes: ['views'],
    })
    expect(inspect(session)).toBe(`Session ${JSON.stringify(session)}`)
  })
})

describe('8. a failed destroy fails the request under both onStoreError policies', () => {
  for (const onStoreError of ['fail', 'continue'] as const) {
    it(`logout and regenerate whose destroy fails reject the commit (onStoreError: '${onStoreError}')`, async () => {
      const { manager, store } = setup({ onStoreError })
      const { cookie } = await request(manager, undefined, (s) => s.set('views', 1))
      const original = store.destroy.bind(store)
      store.destroy = async () => {
        throw new Error('destroy failed')
      }
      for (const change of [
        (s: { invalidate(): void }) => s.invalidate(),
        (s: { regenerate(): void }) => s.regenerate(),
      ]) {
        const lifecycle = manager.begin(cookie)
        change(await lifecycle.load())
        await expect(lifecycle.commit()).rejects.toBeInstanceOf(SessionStoreError)
        expect(lifecycle.state).toBe('failed')
      }
      store.destroy = original
      // The session the logout claimed to end is still there: the failure was not hidden.
      expect((await request(manager, cookie)).session.get('views')).toBe(1)
    })
  }

  it("still tolerates a failed patch under 'continue' (only destroys must succeed)", async () => {
    const { manager, store } = setup({ onStoreError: 'continue' })
    const { cookie } = await request(manager, undefined, (s) => s.set('views', 1))
    store.failure = new Error('down')
    const lifecycle = manager.begin(cookie)
    store.failure = undefined
    const session = await lifecycle.load()
    session.set('views', 2)
    store.failure = new Error('down')
    await expect(lifecycle.commit()).resolves.toBeUndefined()
  })
})

describe('9. cookie tossing: duplicates are found on the names the parser sees', () => {
  it.each([
    'sid =ATTACKER; sid=VICTIM',
    'sid=VICTIM; sid =ATTACKER',
    ' sid\t=ATTACKER;sid=VICTIM',
    'sid=VICTIM;  sid  =  ATTACKER',
  ])('treats %j as an unusable session cookie (an empty value, which nothing verifies)', (header) => {
    expect(readSessionCookie(header, 'sid')).toBe('')
  })

  it('still reads one cookie among others, with spaces and quotes', () => {
    expect(readSessionCookie('a=1; sid = value ; b=2', 'sid')).toBe('value')
    expect(readSessionCookie('xsid=1; sid="value"', 'sid')).toBe('value')
    expect(readSessionCookie('sidx=1; a=sid=2', 'sid')).toBeUndefined()
  })

  it("loads neither the attacker's nor the victim's session through the manager", async () => {
    const { manager } = setup()
    const victim = await request(manager, undefined, (s) => s.set('views', 1))
    const attacker = await request(manager, undefined, (s) => s.set('views', 666))
    const tossed = `${cookiePair(attacker.setCookie)!.replace('sid=', 'sid =')}; ${victim.cookie}`
    const { session } = await request(manager, tossed)
    expect(session.isNew).toBe(true)
    expect(session.get('views')).toBeUndefined()
  })
})

describe('12. regenerate and invalidate refuse a callback instead of never calling it', () => {
  it.each(['regenerate', 'invalidate'] as const)(
    '%s(cb) throws SessionStateError naming the compat layer',
    async (method) => {
      const { manager } = setup()
      const { session } = await request(manager, undefined)
      let called = false
      const call = () =>
        (session[method] as (cb: () => void) => void)(() => {
          called = true
        })
      expect(call).toThrow(SessionStateError)
      expect(call).toThrow(/takes no callback.*@fly-session\/express\/compat/)
      expect(called).toBe(false)
      expect(session.invalidated).toBe(false)
    },
  )
})

describe('14. the cookie Max-Age and the store TTL come from one clock reading', () => {
  it('gives the same number of seconds to both on every kind of write, 200 times, when the absolute deadline binds', async () => {
    // idle = absolute: from the second request on, the absolute deadline (createdAt + 300 s)
    // comes first, and it is not a whole number of seconds from now.
    const { manager, store } = setup({ idleTimeout: 300, absoluteTimeout: 300, touchInterval: 0 })
    let { cookie } = await request(manager, undefined, (s) => s.set('views', 0))
    for (let i = 0; i < 200; i++) {
      await sleep(1 + (i % 3))
      store.reset()
      const result = await request(manager, cookie, (s) => {
        if (i % 2 === 0) s.set('views', i)
      })
      const maxAge = Number(/Max-Age=(\d+)/.exec(result.setCookie ?? '')?.[1])
      expect(maxAge).toBe(store.calls.at(-1)!.ttl)
      cookie = result.cookie
    }
  })
})

describe('3. work spent on a value is bounded by its encoded size', () => {
  it('stores a sparse array of length 2^32-1 by its one entry, at once, where it used to abort the process', async () => {
    const { manager } = setup({ maxSize: 1024 })
    const session = await manager.begin(undefined).load()
    const sparse: string[] = []
    sparse[4294967294] = 'x'
    const started = performance.now()
    // Sparse, it encodes small: stored. (Its length alone is no reason to refuse it.)
    session.set('note', sparse)
    expect(performance.now() - started).toBeLessThan(500)
    expect((session.get('note') as string[]).length).toBe(4294967295)
  })

  it('refuses an 8 MiB Buffer before encoding it', async () => {
    const { manager } = setup()
    const session = await manager.begin(undefined).load()
    const started = performance.now()
    expect(() => session.set('note', Buffer.alloc(8 * 1024 * 1024))).toThrow(
      expect.objectContaining({ code: 'SESSION_TOO_LARGE' }),
    )
    expect(performance.now() - started).toBeLessThan(200)
  })

  it("holds the depth limit in the encoder's own order, even when a shared reference is first met deep down", async () => {
    const { manager } = setup()
    const session = await manager.begin(undefined).load()
    // A 600-level chain whose middle node is also a direct child. devalue meets the middle where
    // it first reaches it: through the chain when the chain comes first (600 levels deep), as a
    // shortcut when the shortcut comes first (300 levels). A guard walking in another order
    // (the old one) saw the shortcut first either way and let the deep one through.
    let chain: unknown[] = []
    let middle: unknown[] = chain
    for (let i = 1; i <= 600; i++) {
      chain = [chain]
      if (i === 300) middle = chain
    }
    expect(() => session.set('note', [chain, middle])).toThrow(/nested deeper than 512 levels/)
    session.set('note', [middle, chain])
    const read = session.get('note') as unknown[][]
    expect(read[1]).toBeDefined()
  })

  it('lets a change through that does not grow a session already over maxSize', async () => {
    const big = setup({ maxSize: 10_000 })
    const { cookie } = await request(big.manager, undefined, (s) => s.set('blob', 'x'.repeat(5_000)))
    // The same store, read by a manager with a smaller limit: the session is now oversized.
    const small = createSessionManager({ store: big.store, secret: SECRET, maxSize: 1_000 })
    await request(small, cookie, (s) => {
      expect(() => s.set('views', 1)).toThrow(expect.objectContaining({ code: 'SESSION_TOO_LARGE' }))
      s.set('blob', 'y'.repeat(4_000))
      s.remove('blob')
      s.set('views', 1)
    })
    expect((await request(small, cookie)).session.get('views')).toBe(1)
  })
})

describe('7. names and principals that a store cannot keep exactly are refused', () => {
  it('refuses attribute names and principals with a lone surrogate, writing nothing', async () => {
    const { manager, store } = setup()
    await request(manager, undefined, (s) => {
      expect(() => s.set('a\uD800' as 'views', 1)).toThrow(/not well-formed UTF-16/)
      expect(() => {
        s.principal = 'bob\uD83D'
      }).toThrow(/principal is not well-formed/)
      expect(s.modified).toBe(false)
    })
    expect(store.methods()).toEqual([])
  })

  it('round-trips values with lone surrogates exactly, as well-formed text in the store', async () => {
    const { manager, store } = setup()
    const { cookie } = await request(manager, undefined, (s) =>
      s.set('note', ['a\uD800', '\uDBFFz', '\uDC00\uD800']),
    )
    for (const { session } of store.records.values())
      for (const text of Object.values(session.attributes)) expect(isWellFormed(text)).toBe(true)
    expect((await request(manager, cookie)).session.get('note')).toEqual([
      'a\uD800',
      '\uDBFFz',
      '\uDC00\uD800',
    ])
  })
})
