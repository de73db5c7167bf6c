import { describe, it } from 'vitest'

import type { SessionStore } from '../store'
import { type SessionStoreCase, type StoreCapability, sessionStoreCases } from './cases'

export {
  type SessionStoreCase,
  type StoreCapability,
  sessionPatch,
  sessionStoreCases,
  storedSession,
  uniqueKey,
} from './cases'
export { type DrivenRequest, driveRequest } from './drive-request'
export { bounded, type HeldCall, RecordingStore, type StoreCall, type StoreMethod } from './recording-store'

/** Options for `describeSessionStore`. */
export interface DescribeSessionStoreOptions {
  /**
   * Cases to skip, by capability (`'patch'`, `'touch'`, `'listByPrincipal'`) or by `'ttl'` for
   * the cases that wait for a real TTL, each with the reason shown in the report.
   */
  skip?: Partial<Record<StoreCapability | 'ttl', string>>
  /** Called after each case with the store it used. Default: `store.dispose?.()`. */
  cleanup?: (store: SessionStore) => Promise<void> | void
}

function skipReason(
  testCase: SessionStoreCase,
  store: SessionStore,
  options: DescribeSessionStoreOptions,
): string | undefined {
  if (testCase.waitsForTtl && options.skip?.ttl) return options.skip.ttl
  if (testCase.needs === undefined) return undefined
  if (options.skip?.[testCase.needs]) return options.skip[testCase.needs]
  if (typeof store[testCase.needs] !== 'function') return `the store has no ${testCase.needs}()`
  return undefined
}

/**
 * The conformance suite every store runs (vitest is a peer dependency). Cases use random keys,
 * so the store need not be empty, and run concurrently, so the TTL waits overlap (about 2 s in
 * all). Cases for optional methods the store lacks are skipped, saying so.
 *
 * @example
 * describeSessionStore('MyStore', () => new MyStore({ client }))
 */
export function describeSessionStore(
  name: string,
  createStore: () => SessionStore | Promise<SessionStore>,
  options: DescribeSessionStoreOptions = {},
): void {
  describe.concurrent(`SessionStore conformance: ${name}`, () => {
    for (const testCase of sessionStoreCases) {
      it(testCase.name, async (context) => {
        const store = await createStore()
        try {
          const reason = skipReason(testCase, store, options)
          if (reason !== undefined) {
            context.skip(reason)
            return
          }
          await testCase.run(store)
        } finally {
          await (options.cleanup ? options.cleanup(store) : store.dispose?.())
        }
      })
    }
  })
}
