import type { SessionOptions } from '@fly-session/core'
import { expect, it } from 'vitest'

import { isSkippedRequest, SKIPPED_PREFIX } from '../routes'
import type { Harness, OpenHarness } from '../suite'
import { body, errorStatus, SID, sessionCookies } from './expect-helpers'

/** A harness whose client holds a stored session (`kept: '1'`), and whose store then fails as told. */
async function storedSessionThenOutage(
  open: OpenHarness,
  failing: 'all' | 'writes',
  options?: Partial<SessionOptions>,
  passOptions?: boolean,
): Promise<Harness> {
  const harness = await open(options, passOptions)
  await harness.browser.get('/write?kept=1')
  harness.store.reset()
  harness.store.failing = failing
  return harness
}

/** A store that is down, and requests the `skip` option keeps away from it. */
export function failureScenarios(open: OpenHarness): void {
  it('answers 503 through the framework error path, with no cookie, when the store cannot load', async () => {
    const { browser, store, app } = await storedSessionThenOutage(open, 'all')
    const response = await browser.get('/read')
    expect(response.status).toBe(503)
    expect(sessionCookies(response)).toEqual([])
    // It went through the framework's error handling, once, as a 503.
    expect(app.errors.map(errorStatus)).toEqual([503])
    store.failing = false
    // Not replaced by an empty session: the stored one is still there.
    expect(body(await browser.get('/read')).attributes).toEqual({ kept: '1' })
  })

  it('answers 503 with no cookie when the store cannot save a new session', async () => {
    const { store, browser: newcomer } = await open()
    store.failing = 'writes'
    const response = await newcomer.get('/write?lost=1')
    expect(response.status).toBe(503)
    expect(sessionCookies(response)).toEqual([])
    expect(newcomer.cookie(SID)).toBeUndefined()
  })

  it('answers 503 when the store cannot save a change, and the stored session stays as it was', async () => {
    const { browser, store } = await storedSessionThenOutage(open, 'writes')
    const response = await browser.get('/write?kept=2')
    expect(response.status).toBe(503)
    expect(sessionCookies(response)).toEqual([])
    store.failing = false
    expect(body(await browser.get('/read')).attributes).toEqual({ kept: '1' })
  })

  it("answers the 503 of a failed commit without the handler's redirect or the session cookie", async () => {
    const { browser, store } = await storedSessionThenOutage(open, 'writes')
    for (const path of ['/redirect-after-write?kept=2', '/other-cookie?kept=3']) {
      const response = await browser.get(path)
      expect(response.status).toBe(503)
      expect(response.headers.get('location')).toBeNull()
      expect(sessionCookies(response)).toEqual([])
    }
    store.failing = false
    expect(body(await browser.get('/read')).attributes).toEqual({ kept: '1' })
  })

  it('does no session work at all, not even a store read, for requests skip matches', async () => {
    // The adapter gets options here (not a manager): both forms must work. The store is down,
    // so any store call would show (and fail the request).
    const { browser, store } = await storedSessionThenOutage(open, 'all', { skip: isSkippedRequest }, true)
    const response = await browser.get(`${SKIPPED_PREFIX}probe`)
    expect(response.status).toBe(200)
    expect(response.json()).toEqual({ hasSession: false })
    expect(response.setCookies).toEqual([])
    expect(store.methods()).toEqual([])
  })
}
