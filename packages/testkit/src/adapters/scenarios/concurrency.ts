import type { SessionSummary } from '@fly-session/core'
import { uniqueKey } from '@fly-session/core/testing'
import { expect, it } from 'vitest'

import type { OpenHarness } from '../suite'
import { body, FRESH } from './expect-helpers'

/** Principals across clients, and requests that overlap in time on one session. */
export function concurrencyScenarios(open: OpenHarness): void {
  it('lists and invalidates the sessions of one principal across two clients', async () => {
    const { client, browser: laptop } = await open()
    const phone = client()
    const user = uniqueKey()
    await laptop.get(`/login?user=${user}`)
    await phone.get(`/login?user=${user}`)
    const listed = (await laptop.get('/principal/sessions')).json<SessionSummary[]>()
    expect(listed).toHaveLength(2)
    expect(listed.filter((summary) => summary.current === true)).toHaveLength(1)

    expect((await laptop.get('/principal/invalidate-others')).json()).toEqual({ invalidated: 1 })
    expect(body(await phone.get('/read'))).toEqual(FRESH)
    expect(body(await laptop.get('/read'))).toMatchObject({ isNew: false, principal: user })
    expect((await laptop.get('/principal/sessions')).json()).toHaveLength(1)
  })

  it('keeps both attributes when two requests write at once', async () => {
    const { gates, browser } = await open()
    await browser.get('/write?base=1')
    // Both requests have loaded the session before either writes: a whole-record save would lose one.
    const left = browser.get('/write?left=L&gate=left')
    const right = browser.get('/write?right=R&gate=right')
    await Promise.all([gates.arrival('left'), gates.arrival('right')])
    gates.release('left')
    expect((await left).status).toBe(200)
    gates.release('right')
    expect((await right).status).toBe(200)
    expect(body(await browser.get('/read')).attributes).toEqual({ base: '1', left: 'L', right: 'R' })
  })

  it('does not bring back a session that a concurrent request invalidated', async () => {
    const { gates, store, browser } = await open()
    await browser.get('/write?base=1')
    const key = store.createdKey()!
    const late = browser.get('/write?late=1&gate=late')
    await gates.arrival('late')
    await browser.get('/logout')
    gates.release('late')
    expect((await late).status).toBe(200)
    expect(await store.inner.get(key)).toBeNull()
    // The late response may hand the old cookie back to the jar; it must lead nowhere.
    expect(body(await browser.get('/read'))).toEqual(FRESH)
  })
}
