import type { SessionOptions, SessionStore } from '@fly-session/core'
import { afterAll, beforeAll, describe } from 'vitest'

import { type Harness, openHarness, type StartApp } from './harness'
import { concurrencyScenarios } from './scenarios/concurrency'
import { failureScenarios } from './scenarios/failures'
import { hostileInputScenarios } from './scenarios/hostile-input'
import { lifecycleScenarios } from './scenarios/lifecycle'
import { responseScenarios } from './scenarios/responses'

/** How the scenarios open a harness: session options for this test, and whether the adapter gets options or a manager. */
export type OpenHarness = (options?: Partial<SessionOptions>, passOptions?: boolean) => Promise<Harness>

/** Options for `describeAdapterBehaviour`. */
export interface AdapterBehaviourOptions {
  /**
   * Creates the real store the scenarios run against, once for the suite (each test wraps it in
   * its own `RecordingStore`). Give each suite its own key space (e.g. a RedisStore prefix).
   */
  createStore: () => SessionStore | Promise<SessionStore>
}

/**
 * The one behaviour suite every adapter passes: the framework app from `startApp` listens on a
 * loopback port and a cookie-keeping client speaks HTTP to it. Scenarios: the session lifecycle
 * (lazy creation, touch throttling, regenerate, invalidate, idle and absolute expiry), hostile
 * cookies, principals, concurrent requests, store failures, skip, and responses (redirects,
 * streams, the app's own cookies).
 *
 * @example
 * describeAdapterBehaviour('express 5 + MemoryStore', startExpress(express), { createStore: () => new MemoryStore() })
 */
export function describeAdapterBehaviour(
  name: string,
  startApp: StartApp,
  options: AdapterBehaviourOptions,
): void {
  describe.concurrent(name, () => {
    let store: SessionStore | undefined
    const open: Harness[] = []

    beforeAll(async () => {
      store = await options.createStore()
    })
    // Apps are closed with the suite, not per test: tests that run concurrently would close each other's.
    afterAll(async () => {
      await Promise.all(open.splice(0).map((harness) => harness.app.close()))
      await store?.dispose?.()
    })

    const openHarnessForTest: OpenHarness = async (sessionOptions = {}, passOptions = false) => {
      if (store === undefined) throw new Error('the suite store is not ready')
      const harness = await openHarness(startApp, store, sessionOptions, passOptions)
      open.push(harness)
      return harness
    }

    lifecycleScenarios(openHarnessForTest)
    hostileInputScenarios(openHarnessForTest)
    concurrencyScenarios(openHarnessForTest)
    failureScenarios(openHarnessForTest)
    responseScenarios(openHarnessForTest)
  })
}
