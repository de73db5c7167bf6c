import { setTimeout as sleep } from 'node:timers/promises'

import { describe, expect, it } from 'vitest'

import { LoggedStore } from './support/logged-store'
import { request, setup } from './support/requests'
import './support/session-data'

describe('idle and absolute deadlines', () => {
  it('replaces a session idle past idleTimeout with a fresh one, destroys it and reports "idle"', async () => {
    const expired: string[] = []
    const rejected: string[] = []
    const hooks = {
      expired: (i: { reason: string }) => expired.push(i.reason),
      cookieRejected: (i: { reason: string }) => rejected.push(i.reason),
    }
    const { manager, store } = setup(
      { idleTimeout: 1, touchInterval: 0, hooks },
      new LoggedStore({ keepExpired: true }),
    )
    const { cookie } = await request(manager, undefined, (s) => s.set('views', 1))
    await sleep(1100)
    store.reset()
    const { session, setCookie } = await request(manager, cookie)
    expect(session.isNew).toBe(true)
    expect(session.get('views')).toBeUndefined()
    expect(setCookie).toBeUndefined()
    expect(expired).toEqual(['idle'])
    // The cookie named a session the store still had: an expiry, not a rejected cookie.
    expect(rejected).toEqual([])
    expect(store.methods()).toEqual(['get', 'destroy'])
    expect(store.records.size).toBe(0)
  })

  it('keeps an active session alive past idleTimeout when each request refreshes it', async () => {
    const { manager } = setup({ idleTimeout: 1, touchInterval: 0 })
    let { cookie } = await request(manager, undefined, (s) => s.set('views', 1))
    for (let i = 0; i < 3; i++) {
      await sleep(400)
      ;({ cookie } = await request(manager, cookie))
    }
    const { session } = await request(manager, cookie)
    expect(session.isNew).toBe(false)
    expect(session.get('views')).toBe(1)
  })

  it('ends a session at absoluteTimeout however active, reporting "absolute"', async () => {
    const expired: string[] = []
    const { manager } = setup(
      {
        idleTimeout: 1,
        absoluteTimeout: 1.6,
        touchInterval: 0,
        hooks: { expired: (i) => expired.push(i.reason) },
      },
      new LoggedStore({ keepExpired: true }),
    )
    let { cookie } = await request(manager, undefined, (s) => s.set('views', 1))
    await sleep(800)
    ;({ cookie } = await request(manager, cookie))
    // Idle deadline ~1.8 s from the start, absolute 1.6 s: at ~1.7 s only the absolute one has passed.
    await sleep(900)
    const { session } = await request(manager, cookie)
    expect(session.isNew).toBe(true)
    expect(expired).toEqual(['absolute'])
  })

  it('reports expiresAt as the earlier of the two deadlines, and a store TTL to match', async () => {
    const { manager, store } = setup({ idleTimeout: 300, absoluteTimeout: 400, touchInterval: 10 })
    const lifecycle = manager.begin(undefined)
    const fresh = await lifecycle.load()
    fresh.set('views', 1)
    // A session created 200 s ago: its absolute deadline (200 s away) comes before the idle one (300 s).
    Object.defineProperty(fresh, 'createdAt', { value: fresh.createdAt - 200_000 })
    const setCookie = lifecycle.setCookie()
    await lifecycle.commit()
    expect(fresh.expiresAt).toBe(fresh.createdAt + 400_000)
    expect(store.calls[0]!.ttl).toBe(200)
    expect(setCookie).toContain('Max-Age=200')
  })
})
