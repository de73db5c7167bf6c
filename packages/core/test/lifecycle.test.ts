import { setTimeout as sleep } from 'node:timers/promises'

import { describe, expect, it } from 'vitest'

import { type HttpSession, SessionStateError } from '../src'
import { LoggedStore } from './support/logged-store'
import { cookiePair, request, setup } from './support/requests'
import './support/session-data'

/** One row of ARCHITECTURE.md's lifecycle table per test, in the table's order. */
describe('commit: the lifecycle table', () => {
  it('destroys an invalidated session and expires its cookie', async () => {
    const { manager, store } = setup()
    const { cookie } = await request(manager, undefined, (s) => s.set('views', 1))
    store.reset()
    const { setCookie } = await request(manager, cookie, (s) => s.invalidate())
    expect(store.methods()).toEqual(['get', 'destroy'])
    expect(setCookie).toMatch(/^sid=; Max-Age=0;/)
    expect(store.records.size).toBe(0)
  })

  it('writes a regenerated session under a new key, destroys the old one and sends the new cookie', async () => {
    const { manager, store } = setup()
    const first = await request(manager, undefined, (s) => s.set('views', 1))
    const oldKey = store.calls[0]!.key
    store.reset()
    let previousId = ''
    const second = await request(manager, first.cookie, (s) => {
      previousId = s.id
      s.regenerate()
    })
    expect(store.methods()).toEqual(['get', 'set', 'destroy'])
    expect(store.calls[2]!.key).toBe(oldKey)
    expect(store.calls[1]!.key).not.toBe(oldKey)
    expect(second.session.id).not.toBe(previousId)
    expect(second.setCookie).toContain(second.session.id)
    const afterOld = await request(manager, first.cookie)
    expect(afterOld.session.isNew).toBe(true)
    const afterNew = await request(manager, second.cookie)
    expect(afterNew.session.get('views')).toBe(1)
  })

  it('stores a new session that was written to, and sends its cookie', async () => {
    const { manager, store } = setup()
    const { setCookie, session } = await request(manager, undefined, (s) => s.set('views', 1))
    expect(store.methods()).toEqual(['set'])
    expect(store.calls[0]!.ttl).toBe(1800)
    expect(setCookie).toMatch(
      new RegExp(
        `^sid=${session.id}\\.[A-Za-z0-9_-]{43}; Max-Age=1800; Path=/; HttpOnly; Secure; SameSite=Lax$`,
      ),
    )
  })

  it('patches only what changed in an existing session, without a cookie while no touch is due', async () => {
    const { manager, store } = setup()
    const { cookie } = await request(manager, undefined, (s) => {
      s.set('views', 1)
      s.set('blob', 'keep me')
    })
    store.reset()
    const { setCookie } = await request(manager, cookie, (s) => s.set('views', 2))
    expect(store.methods()).toEqual(['get', 'patch'])
    expect(setCookie).toBeUndefined()
    const record = [...store.records.values()][0]!.session
    expect(Object.keys(record.attributes).sort()).toEqual(['blob', 'views'])
  })

  it('refreshes an unmodified session whose touch is due, with a refreshed cookie', async () => {
    const { manager, store } = setup({ touchInterval: 0 })
    const { cookie } = await request(manager, undefined, (s) => s.set('views', 1))
    store.reset()
    await sleep(5)
    const { setCookie, session } = await request(manager, cookie, (s) => s.get('views'))
    expect(store.methods()).toEqual(['get', 'touch'])
    expect(setCookie).toMatch(/Max-Age=1800/)
    expect(session.lastAccessedAt).toBeGreaterThan(session.createdAt)
  })

  it('after a patch whose touch is due, shows the session refreshed at the time the store got', async () => {
    const { manager, store } = setup({ touchInterval: 0 })
    const { cookie, session: created } = await request(manager, undefined, (s) => s.set('views', 1))
    store.reset()
    await sleep(5)
    const { session } = await request(manager, cookie, (s) => s.set('views', 2))
    expect(store.methods()).toEqual(['get', 'patch'])
    const record = [...store.records.values()][0]!.session
    expect(record.lastAccessedAt).toBeGreaterThan(created.lastAccessedAt)
    // What the handler's session reports after the commit (hooks, toJSON) is what was stored.
    expect(session.lastAccessedAt).toBe(record.lastAccessedAt)
  })

  it('does nothing for an unmodified session whose touch is not due: no store call, no cookie', async () => {
    const { manager, store } = setup()
    const { cookie } = await request(manager, undefined, (s) => s.set('views', 1))
    store.reset()
    const { setCookie, session } = await request(manager, cookie, (s) => {
      expect(s.get('views')).toBe(1)
    })
    expect(store.methods()).toEqual(['get'])
    expect(setCookie).toBeUndefined()
    expect(session.isNew).toBe(false)
  })

  it('creates nothing for a new session that nothing wrote: no store call, no cookie', async () => {
    const { manager, store } = setup()
    const { setCookie, session } = await request(manager, undefined, (s) => s.get('views'))
    expect(store.calls).toEqual([])
    expect(setCookie).toBeUndefined()
    expect(session.isNew).toBe(true)
  })
})

describe('commit: fallbacks and races', () => {
  it('writes the whole session when the store has no patch', async () => {
    const { manager, store } = setup({}, new LoggedStore({ patch: false }))
    const { cookie } = await request(manager, undefined, (s) => s.set('views', 1))
    store.reset()
    await request(manager, cookie, (s) => s.set('blob', 'x'))
    expect(store.methods()).toEqual(['get', 'set'])
    expect(Object.keys([...store.records.values()][0]!.session.attributes).sort()).toEqual(['blob', 'views'])
  })

  it('keeps the session cookie when a store without patch or touch took the whole write (commit before setCookie)', async () => {
    const { manager } = setup({ touchInterval: 0 }, new LoggedStore({ patch: false, touch: false }))
    const { cookie } = await request(manager, undefined, (s) => s.set('views', 1))
    for (const change of [(s: HttpSession) => s.set('views', 2), () => {}]) {
      const lifecycle = manager.begin(cookie)
      change(await lifecycle.load())
      // Runtimes that write headers only after the commit (runSession) ask for the cookie now.
      await lifecycle.commit()
      expect(lifecycle.setCookie()).toMatch(/^sid=[^;]+\.[^;]+; Max-Age=\d+/)
    }
  })

  it('refreshes with a whole write when the store has no touch', async () => {
    const { manager, store } = setup({ touchInterval: 0 }, new LoggedStore({ touch: false }))
    const { cookie } = await request(manager, undefined, (s) => s.set('views', 1))
    store.reset()
    await request(manager, cookie)
    expect(store.methods()).toEqual(['get', 'set'])
  })

  it('does not bring back a session that a concurrent request destroyed', async () => {
    const { manager, store } = setup()
    const { cookie } = await request(manager, undefined, (s) => s.set('views', 1))
    const slow = manager.begin(cookie)
    const slowSession = await slow.load()
    await request(manager, cookie, (s) => s.invalidate())
    slowSession.set('views', 2)
    await slow.commit()
    expect(store.records.size).toBe(0)
    expect((await request(manager, cookie)).session.isNew).toBe(true)
  })

  it('keeps both attributes when two requests write different ones at once', async () => {
    const { manager } = setup()
    const { cookie } = await request(manager, undefined, (s) => s.set('views', 1))
    const [a, b] = [manager.begin(cookie), manager.begin(cookie)]
    const [sa, sb] = await Promise.all([a.load(), b.load()])
    sa.set('blob', 'from a')
    sb.set('note', 'from b')
    await Promise.all([a.commit(), b.commit()])
    const { session } = await request(manager, cookie)
    expect([session.get('views'), session.get('blob'), session.get('note')]).toEqual([1, 'from a', 'from b'])
  })

  it('keeps lastAccessedAt on a write inside touchInterval, so the store deadline matches the cookie Max-Age', async () => {
    const { manager, store } = setup({ touchInterval: 60 })
    const { cookie, session: created } = await request(manager, undefined, (s) => s.set('views', 1))
    await sleep(5)
    await request(manager, cookie, (s) => s.set('views', 2))
    const record = [...store.records.values()][0]!.session
    expect(record.lastAccessedAt).toBe(created.lastAccessedAt)
  })
})

describe('load', () => {
  it('shares one load between concurrent callers', async () => {
    const { manager, store } = setup()
    const { cookie } = await request(manager, undefined, (s) => s.set('views', 1))
    store.reset()
    const lifecycle = manager.begin(cookie)
    const [a, b] = await Promise.all([lifecycle.load(), lifecycle.load()])
    expect(a).toBe(b)
    expect(store.methods()).toEqual(['get'])
  })

  it('starts a fresh session for a signed cookie whose session the store no longer has, without adopting its ID', async () => {
    const { manager, store } = setup()
    const { cookie, session: first } = await request(manager, undefined, (s) => s.set('views', 1))
    store.records.clear()
    const { session } = await request(manager, cookie, (s) => s.set('views', 5))
    expect(session.isNew).toBe(true)
    expect(session.id).not.toBe(first.id)
  })

  it('settles a commit with nothing to write synchronously, so an adapter can end the response at once', async () => {
    const { manager } = setup()
    const { cookie } = await request(manager, undefined, (s) => s.set('views', 1))
    const reading = manager.begin(cookie)
    ;(await reading.load()).get('views')
    const done = reading.commit()
    expect(reading.state).toBe('committed')
    await done
    const writing = manager.begin(cookie)
    ;(await writing.load()).set('views', 2)
    const pending = writing.commit()
    expect(writing.state).toBe('loaded')
    await pending
    expect(writing.state).toBe('committed')
  })

  it('startCommit() answers undefined when nothing needs writing, and the write to wait for otherwise', async () => {
    const { manager, store } = setup()
    const { cookie } = await request(manager, undefined, (s) => s.set('views', 1))
    const reading = manager.begin(cookie)
    ;(await reading.load()).get('views')
    expect(reading.startCommit!()).toBeUndefined()
    expect(reading.state).toBe('committed')
    await expect(reading.startCommit!()).rejects.toThrow(/called twice/)
    const writing = manager.begin(cookie)
    ;(await writing.load()).set('views', 2)
    const pending = writing.startCommit!()
    expect(pending).toBeInstanceOf(Promise)
    await pending
    expect(writing.state).toBe('committed')
    expect(store.methods().at(-1)).toBe('patch')
  })

  it('gives a new session one stable ID, drawn on first use', async () => {
    const { manager } = setup()
    const { session } = await request(manager, undefined)
    const first = session.id
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(session.id).toBe(first)
  })

  it('moves through pending → loaded → committed', async () => {
    const { manager } = setup()
    const lifecycle = manager.begin(undefined)
    expect(lifecycle.state).toBe('pending')
    expect(lifecycle.setCookie()).toBeUndefined()
    await lifecycle.load()
    expect(lifecycle.state).toBe('loaded')
    await lifecycle.commit()
    expect(lifecycle.state).toBe('committed')
  })
})

describe('illegal transitions', () => {
  it('refuses commit() twice', async () => {
    const { manager } = setup()
    const lifecycle = manager.begin(undefined)
    await lifecycle.load()
    await lifecycle.commit()
    await expect(lifecycle.commit()).rejects.toThrow(SessionStateError)
    await expect(lifecycle.commit()).rejects.toThrow(/^\[fly-session\] commit\(\) was called twice/)
  })

  it('refuses commit() before load()', async () => {
    const { manager } = setup()
    await expect(manager.begin(undefined).commit()).rejects.toMatchObject({ code: 'INVALID_STATE' })
  })

  it('refuses set() after commit', async () => {
    const { manager } = setup()
    const lifecycle = manager.begin(undefined)
    const session = await lifecycle.load()
    await lifecycle.commit()
    expect(() => session.set('views', 1)).toThrow(/after the session was committed/)
  })

  it('refuses to start a new session after the headers were sent without its cookie', async () => {
    const { manager, store } = setup()
    const lifecycle = manager.begin(undefined)
    const session = await lifecycle.load()
    expect(lifecycle.setCookie()).toBeUndefined()
    expect(() => session.set('views', 1)).toThrow(/after the response headers were sent/)
    await lifecycle.commit()
    expect(store.calls).toEqual([])
  })

  it('refuses regenerate() after the headers were sent', async () => {
    const { manager } = setup()
    const { cookie } = await request(manager, undefined, (s) => s.set('views', 1))
    const lifecycle = manager.begin(cookie)
    const session = await lifecycle.load()
    lifecycle.setCookie()
    expect(() => session.regenerate()).toThrow(/new ID cannot reach the client/)
  })

  it('still saves changes to an existing session made after the headers were sent (streaming)', async () => {
    const { manager } = setup()
    const { cookie } = await request(manager, undefined, (s) => s.set('views', 1))
    const lifecycle = manager.begin(cookie)
    const session = await lifecycle.load()
    expect(lifecycle.setCookie()).toBeUndefined()
    session.set('views', 2)
    await lifecycle.commit()
    expect((await request(manager, cookie)).session.get('views')).toBe(2)
  })

  it('gives the same Set-Cookie before and after the commit (the decision is made once)', async () => {
    const { manager } = setup()
    const lifecycle = manager.begin(undefined)
    const session = await lifecycle.load()
    session.set('views', 1)
    const before = lifecycle.setCookie()
    await lifecycle.commit()
    expect(lifecycle.setCookie()).toBe(before)
    expect(cookiePair(before)).toBeDefined()
  })
})
