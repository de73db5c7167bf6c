import { createSessionManager } from '@fly-session/core'
import { driveRequest, RecordingStore } from '@fly-session/core/testing'
import { MemoryStore } from '@fly-session/store-memory'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'

import { almostValid, garbageCookieHeader, unissuedId } from './support/cookie-arbitraries'
import { report } from './support/report'
import { FOREIGN_SECRET, SECRET } from './support/secrets'
import { cookieValueIn, idOf, signedCookieValue } from './support/wire'

// Floods through core with a MemoryStore: what an attacker's request volume costs the store.

const FLOOD = 5_000
const MAX_ENTRIES = 500
const stores: MemoryStore[] = []

function setup(maxEntries: number) {
  const store = new MemoryStore({ maxEntries })
  stores.push(store)
  return { store, manager: createSessionManager({ store, secret: SECRET }) }
}

afterAll(async () => {
  await Promise.all(stores.map((store) => store.dispose()))
})

describe('request floods', () => {
  it('creates no store entry for a flood of cookie-less and forged-cookie requests that only read', async () => {
    const store = new MemoryStore()
    stores.push(store)
    // Records every call the lifecycle makes, not only those that leave an entry behind.
    const counting = new RecordingStore(store)
    const manager = createSessionManager({ store: counting, secret: SECRET })
    const headers: Array<string | undefined> = [
      ...Array.from({ length: FLOOD / 2 }, () => undefined),
      ...fc.sample(garbageCookieHeader('sid'), { numRuns: FLOOD / 2, seed: 42 }),
    ]
    let cookiesIssued = 0
    for (const header of headers) {
      const { setCookie } = await driveRequest(manager, header, (s) => s.get('user' as never))
      if (setCookie !== undefined) cookiesIssued++
    }
    expect(store.size).toBe(0)
    expect(counting.writes()).toEqual([])
    expect(cookiesIssued).toBe(0)
    report('flood', {
      readOnlyRequests: headers.length,
      storeEntries: store.size,
      storeWrites: counting.writes().length,
    })
  })

  it('costs the store nothing, not even a read, for cookies whose signature does not verify', async () => {
    const counting = new RecordingStore(new MemoryStore())
    stores.push(counting.inner as MemoryStore)
    const manager = createSessionManager({ store: counting, secret: SECRET })
    const { setCookie } = await driveRequest(manager, undefined, (s) =>
      s.set('user' as never, 'alice' as never),
    )
    const valid = cookieValueIn(setCookie)!
    const forged = fc.oneof(
      unissuedId.map((id) => signedCookieValue(id, FOREIGN_SECRET)),
      unissuedId,
      almostValid(valid),
      fc.constant(signedCookieValue(idOf(valid), FOREIGN_SECRET)),
    )
    counting.reset()
    const values = fc.sample(forged, { numRuns: FLOOD / 2, seed: 7 })
    for (const value of values) await driveRequest(manager, `sid=${value}`, (s) => s.get('user' as never))
    // The HMAC is checked before any lookup: forging costs the attacker a request, the store nothing.
    expect(counting.methods()).toEqual([])
    report('flood', { forgedSignatureRequests: values.length, storeCalls: counting.methods().length })
  })

  it('keeps a MemoryStore within maxEntries under a flood of new sessions, evicting the oldest', async () => {
    const { store, manager } = setup(MAX_ENTRIES)
    const cookies: string[] = []
    let largest = 0
    for (let index = 0; index < FLOOD; index++) {
      const { setCookie } = await driveRequest(manager, undefined, (s) => s.set('n' as never, index as never))
      cookies.push(cookieValueIn(setCookie)!)
      largest = Math.max(largest, store.size)
    }
    expect(largest).toBe(MAX_ENTRIES)
    // The newest sessions are all still there; the first ones were evicted, not corrupted.
    const read = async (index: number) =>
      (await driveRequest(manager, `sid=${cookies[index]}`, (s) => s.get('n' as never))).result
    for (let index = FLOOD - MAX_ENTRIES; index < FLOOD; index += 50) expect(await read(index)).toBe(index)
    expect(await read(0)).toBeUndefined()
    report('flood', { newSessions: FLOOD, maxEntries: MAX_ENTRIES, largestStoreSize: largest })
  })
})
