import { createSessionManager, type SessionManager } from '@fly-session/core'
import { driveRequest } from '@fly-session/core/testing'
import { MemoryStore } from '@fly-session/store-memory'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  almostValid,
  amongOthers,
  duplicatedSessionCookie,
  garbageCookieHeader,
} from './support/cookie-arbitraries'
import { fuzzRuns } from './support/fuzz-runs'
import { prototypeChanges, prototypeFingerprint } from './support/prototype-guard'
import { report } from './support/report'
import { OLD_SECRET, SECRET, SECRETS } from './support/secrets'
import { cookieValueIn, idOf, signedCookieValue } from './support/wire'

// Hostile Cookie headers straight through core's lifecycle (the HTTP variant is in
// hostile-cookies-http.test.ts). Every case must resolve: an exception fails the property.

const prototypesBefore = prototypeFingerprint()
const store = new MemoryStore()
const manager: SessionManager = createSessionManager({ store, secret: SECRETS })
let victimCookie = ''
let victimId = ''
const casesRun: Record<string, number> = {}

function counted(name: string): void {
  casesRun[name] = (casesRun[name] ?? 0) + 1
}

/** Sends `header` and reads the session the way a handler would, without writing. */
function readOnly(header: string) {
  return driveRequest(manager, header, (session) => session.get('user' as never))
}

async function expectFresh(header: string): Promise<void> {
  const before = store.size
  const { session, result, setCookie } = await readOnly(header)
  expect(session.isNew).toBe(true)
  expect(session.id).not.toBe(victimId)
  expect(result).toBeUndefined()
  expect(setCookie).toBeUndefined()
  expect(store.size).toBe(before)
}

async function expectVictim(header: string): Promise<string | undefined> {
  const { session, result, setCookie } = await readOnly(header)
  expect(session.isNew).toBe(false)
  expect(session.id).toBe(victimId)
  expect(result).toBe('alice')
  return setCookie
}

beforeAll(async () => {
  const { setCookie } = await driveRequest(manager, undefined, (session) =>
    session.set('user' as never, 'alice' as never),
  )
  victimCookie = cookieValueIn(setCookie)!
  victimId = idOf(victimCookie)
})

afterAll(async () => {
  report('hostile-cookies', { casesRun, total: Object.values(casesRun).reduce((a, b) => a + b, 0) })
  await store.dispose()
})

describe('hostile Cookie headers through core', () => {
  it('gives a fresh, unsaved session for any header that names no issued session', async () => {
    await fc.assert(
      fc.asyncProperty(garbageCookieHeader('sid'), async (header) => {
        counted('garbage')
        await expectFresh(header)
      }),
      fuzzRuns(28000),
    )
  })

  it('refuses a session cookie with any one-character edit', async () => {
    await fc.assert(
      fc.asyncProperty(almostValid(victimCookie), async (edited) => {
        counted('almostValid')
        await expectFresh(`sid=${edited}`)
      }),
      fuzzRuns(21000),
    )
  })

  it('finds the right session when its cookie sits among arbitrary other cookies', async () => {
    await fc.assert(
      fc.asyncProperty(amongOthers('sid', `sid=${victimCookie}`), async (header) => {
        counted('amongOthers')
        await expectVictim(header)
      }),
      fuzzRuns(14000),
    )
  })

  it('accepts a cookie signed with a retired secret and re-signs it with the current one', async () => {
    const oldSigned = signedCookieValue(victimId, OLD_SECRET)
    await fc.assert(
      fc.asyncProperty(amongOthers('sid', `sid=${oldSigned}`), async (header) => {
        counted('retiredSecret')
        // Re-signed on every such request, not only when the touch interval is due.
        const setCookie = await expectVictim(header)
        expect(cookieValueIn(setCookie)).toBe(signedCookieValue(victimId, SECRET))
      }),
      fuzzRuns(7000),
    )
  })

  it('refuses a header carrying the session cookie more than once (cookie tossing)', async () => {
    const values = [victimCookie, signedCookieValue(victimId, OLD_SECRET)]
    await fc.assert(
      fc.asyncProperty(duplicatedSessionCookie('sid', values), async (header) => {
        counted('duplicates')
        await expectFresh(header)
      }),
      fuzzRuns(10500),
    )
  })

  it('leaves the victim session intact and the built-in prototypes untouched', async () => {
    await expectVictim(`sid=${victimCookie}`)
    expect(prototypeChanges(prototypesBefore, prototypeFingerprint())).toEqual([])
  })
})
