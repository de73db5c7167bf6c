import { describe, expect, it } from 'vitest'

import type { SessionPatch, StoredSession } from '../src'
import { describeSessionStore, type SessionStoreCase, sessionStoreCases } from '../src/testing'
import { LoggedStore } from './support/logged-store'

// The suite passes a correct store...
describeSessionStore('LoggedStore', () => new LoggedStore())
describeSessionStore(
  'LoggedStore without optional methods',
  () => new LoggedStore({ patch: false, touch: false, list: false }),
)

function theCase(prefix: string): SessionStoreCase {
  const found = sessionStoreCases.find((c) => c.name.startsWith(prefix))
  if (!found) throw new Error(`no case ${prefix}`)
  return found
}

/** A store that forgets TTLs: records live forever. */
class ImmortalStore extends LoggedStore {
  override async set(key: string, session: StoredSession): Promise<void> {
    await super.set(key, session, 3600)
  }
}

/** A store whose patch creates the record when it is missing. */
class ResurrectingStore extends LoggedStore {
  override patch = async (key: string, change: SessionPatch, ttl: number) => {
    const existing = await this.get(key)
    const attributes = { ...existing?.attributes, ...change.set }
    await this.set(
      key,
      { createdAt: 0, expiresAt: 0, ...existing, attributes, lastAccessedAt: change.lastAccessedAt },
      ttl,
    )
    return true
  }
}

/** A store that keeps one record for every key. */
class LeakyStore extends LoggedStore {
  override async get(): Promise<StoredSession | null> {
    return super.get('shared')
  }
  override async set(_key: string, session: StoredSession, ttl: number): Promise<void> {
    await super.set('shared', session, ttl)
  }
}

/** A store that hands out its live record. */
class SharingStore extends LoggedStore {
  override async get(key: string): Promise<StoredSession | null> {
    return this.records.get(key)?.session ?? null
  }
}

// ...and fails broken ones, at the case that names their defect.
describe('the conformance suite fails broken stores', () => {
  it.concurrent.each([
    ['a store that ignores TTL', () => new ImmortalStore(), 'set - should expire'],
    ['a store whose patch resurrects', () => new ResurrectingStore(), 'patch - should return false'],
    [
      'a store that leaks between keys',
      () => new LeakyStore(),
      'set - should keep records of different keys apart',
    ],
    ['a store that shares its state with callers', () => new SharingStore(), 'get - should return a copy'],
  ])('fails %s', async (_, createStore, caseName) => {
    await expect(theCase(caseName).run(createStore())).rejects.toThrow()
  })
})
