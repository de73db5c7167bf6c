import { expect, it } from 'vitest'

import { parseSetCookie } from '../../http'
import type { OpenHarness } from '../suite'
import { body, SID } from './expect-helpers'

/** Milliseconds each store write takes in these scenarios: an adapter that does not wait for the commit is caught. */
const SLOW_WRITE_MS = 50

/** Redirects, streamed bodies and the app's own cookies. */
export function responseScenarios(open: OpenHarness): void {
  it('lets the request after a redirect read the write made just before it', async () => {
    const { store, browser } = await open()
    store.writeLatency = SLOW_WRITE_MS
    for (const step of ['1', '2']) {
      // Step 1 creates the session (a store set), step 2 changes it (a delta write).
      const redirect = await browser.get(`/redirect-after-write?step=${step}`)
      expect(redirect.status).toBe(302)
      expect(redirect.headers.get('location')).toBe('/read')
      const followed = await browser.get(redirect.headers.get('location')!)
      expect(body(followed).attributes).toEqual({ step })
    }
    expect(browser.cookie(SID)).toBeDefined()
  })

  it('commits before a streamed response completes, with the cookie in its headers', async () => {
    const { store, browser } = await open()
    store.writeLatency = SLOW_WRITE_MS
    const streamed = await browser.get('/stream?streamed=yes')
    expect(streamed.status).toBe(200)
    expect(streamed.text).toBe('onetwothree')
    expect(streamed.cookie(SID)).toBeDefined()
    expect(body(await browser.get('/read')).attributes).toEqual({ streamed: 'yes' })
  })

  it('keeps the cookies the app sets next to the session cookie', async () => {
    const { browser } = await open()
    const response = await browser.get('/other-cookie?color=red')
    expect(response.setCookies.map((header) => parseSetCookie(header).name).sort()).toEqual([SID, 'theme'])
    expect(browser.cookie('theme')).toBe('dark')
    expect(body(await browser.get('/read')).attributes).toEqual({ color: 'red' })
  })
}
