import { createSessionManager } from '@fly-session/core'
import { describeSessionStore } from '@fly-session/core/testing'
import { expect, it } from 'vitest'

import { MapStore } from '../src/map-store.js'

declare global {
  namespace FlySession {
    interface SessionData {
      note: string
    }
  }
}

// Every case of the protocol: get/set/destroy, TTL, copies, odd attribute names, patch without
// resurrection, concurrent patches, touch, listByPrincipal.
describeSessionStore('MapStore', () => new MapStore())

it('keeps a session across two requests of a real session manager', async () => {
  const manager = createSessionManager({
    store: new MapStore(),
    secret: 'a test secret of at least 32 characters',
  })

  const first = manager.begin(undefined) // no Cookie header: a new session
  ;(await first.load()).set('note', 'hello')
  const setCookie = first.setCookie()
  await first.commit()

  const cookieHeader = setCookie?.split(';')[0] // "sid=<signed id>", as the browser sends it back
  const second = manager.begin(cookieHeader)
  expect((await second.load()).get('note')).toBe('hello')
})
