import { setTimeout as sleep } from 'node:timers/promises'

import { uniqueKey } from '@fly-session/core/testing'
import { expect, it } from 'vitest'

import { isExpiring } from '../../http'
import type { OpenHarness } from '../suite'
import { body, FRESH, SID, sessionCookies } from './expect-helpers'

/**
 * Lazy creation, reads, touch throttling, regenerate, invalidate, idle and absolute expiry (the
 * expiry scenarios wait real time and assert state, never durations).
 */
export function lifecycleScenarios(open: OpenHarness): void {
  it('sets no cookie and stores nothing for a first request that writes nothing', async () => {
    const { client, store } = await open()
    const response = await client().get('/read')
    expect(response.status).toBe(200)
    expect(body(response)).toEqual(FRESH)
    expect(response.setCookies).toEqual([])
    expect(store.methods()).toEqual([])
  })

  it('reads back what an earlier request wrote', async () => {
    const { store, browser } = await open()
    const write = await browser.get('/write?color=blue&size=9')
    expect(write.cookie(SID)).toMatchObject({ httpOnly: true, secure: true, path: '/', sameSite: 'lax' })
    expect(store.methods()).toEqual(['set'])
    const read = await browser.get('/read')
    expect(body(read)).toEqual({ isNew: false, principal: null, attributes: { color: 'blue', size: '9' } })
  })

  it('answers read-only requests inside touchInterval with no Set-Cookie and no store write', async () => {
    const { store, browser } = await open({ touchInterval: 60 })
    await browser.get('/write?color=blue')
    store.reset()
    for (let request = 0; request < 3; request++) {
      const read = await browser.get('/read')
      expect(body(read).attributes).toEqual({ color: 'blue' })
      expect(read.setCookies).toEqual([])
    }
    expect(store.methods()).toEqual(['get', 'get', 'get'])
  })

  it('refreshes the cookie and the store expiry on a read once touchInterval has passed', async () => {
    const { store, browser } = await open({ touchInterval: 0 })
    await browser.get('/write?color=blue')
    store.reset()
    const read = await browser.get('/read')
    expect(read.cookie(SID)?.maxAge).toBeGreaterThan(0)
    expect(store.writes()).toEqual([expect.stringMatching(/^(touch|set)$/)])
  })

  it('gives the session a new ID on login, keeping its data, and the old cookie then finds nothing', async () => {
    const { client, browser } = await open()
    await browser.get('/write?cart=3')
    const before = browser.cookie(SID)
    const user = uniqueKey()
    const login = await browser.get(`/login?user=${user}`)
    const after = login.cookie(SID)?.value
    expect(after).toBeDefined()
    expect(after).not.toBe(before)
    expect(body(await browser.get('/read'))).toEqual({
      isNew: false,
      principal: user,
      attributes: { cart: '3', user },
    })
    expect(body(await client().get('/read', { cookie: `${SID}=${before}` }))).toEqual(FRESH)
  })

  it('destroys the session on logout and expires its cookie', async () => {
    const { client, store, browser } = await open()
    await browser.get('/write?cart=3')
    const cookie = browser.cookie(SID)
    const key = store.createdKey()!
    expect(await store.inner.get(key)).not.toBeNull()
    const logout = await browser.get('/logout')
    const expiring = logout.cookie(SID)
    expect(expiring).toBeDefined()
    expect(isExpiring(expiring!)).toBe(true)
    expect(browser.cookie(SID)).toBeUndefined()
    expect(await store.inner.get(key)).toBeNull()
    expect(body(await client().get('/read', { cookie: `${SID}=${cookie}` }))).toEqual(FRESH)
  })

  it('expires a session left alone for idleTimeout', async () => {
    const { client, browser } = await open({ idleTimeout: 2, touchInterval: 0 })
    await browser.get('/write?n=1')
    const cookie = browser.cookie(SID)
    expect(body(await browser.get('/read')).attributes).toEqual({ n: '1' })
    await sleep(2300)
    // The stale cookie is sent as such: a browser would have dropped it, the server must refuse it too.
    const late = await client().get('/read', { cookie: `${SID}=${cookie}` })
    expect(body(late)).toEqual(FRESH)
    expect(sessionCookies(late)).toEqual([])
  })

  it('expires a session at absoluteTimeout however active it is', async () => {
    const { client, browser } = await open({ idleTimeout: 2, absoluteTimeout: 3, touchInterval: 0 })
    await browser.get('/write?n=1')
    const cookie = browser.cookie(SID)
    // Each read refreshes the idle deadline, so at 2.4 s the session outlives its first one. The
    // cookie is sent as such: its Max-Age (whole seconds, rounded down) may end before the server's deadline.
    const sameCookie = { cookie: `${SID}=${cookie}` }
    for (const pause of [1200, 1200]) {
      await sleep(pause)
      expect(body(await client().get('/read', sameCookie)).attributes).toEqual({ n: '1' })
    }
    await sleep(900)
    expect(body(await client().get('/read', sameCookie))).toEqual(FRESH)
  })
}
