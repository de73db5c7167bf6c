import {
  createSessionManager,
  type SessionManager,
  type SessionOptions,
  type SessionStore,
} from '@fly-session/core'
import { RecordingStore } from '@fly-session/core/testing'
import { afterAll, beforeAll, describe } from 'vitest'

import { HttpClient } from '../http'
import { Gates } from './gates'
import { behaviourRoutes, type Routes } from './routes'
import { concurrencyScenarios } from './scenarios/concurrency'
import { failureScenarios } from './scenarios/failures'
import { hostileInputScenarios } from './scenarios/hostile-input'
import { lifecycleScenarios } from './scenarios/lifecycle'
import { responseScenarios } from './scenarios/responses'

/** A framework app serving the suite's routes on a loopback port. */
export interface RunningApp {
  /** `http://127.0.0.1:<port>` */
  readonly url: string
  /**
   * The errors that reached the framework's own error handling (Express error middleware, Koa's
   * `error` event, h3's `onError`), in order.
   */
  readonly errors: unknown[]
  close(): Promise<void>
}

/**
 * Starts the real framework with the adapter's `session(sessionOrOptions)` registered first and
 * every route of `routes` registered for GET under its path, on a free 127.0.0.1 port. Errors
 * go to the framework's error path, which records them in `errors` and answers with the error's
 * status.
 */
export type StartApp = (
  sessionOrOptions: SessionManager | SessionOptions,
  routes: Routes,
) => Promise<RunningApp>

/** The secret every suite app signs with. */
export const SUITE_SECRET = 'behaviour-suite-secret-that-is-long-enough'

/**
 * What one test works with: a fresh recording store over the suite's `store`, a manager, gates,
 * an app from `startApp` given the options (`passOptions`) or the manager, `client()` for a new
 * client (an empty cookie jar) and `browser`, a client made at the start for a test that needs one.
 */
async function openHarness(
  store: SessionStore,
  startApp: StartApp,
  sessionOptions: Partial<SessionOptions>,
  passOptions: boolean,
) {
  const recording = new RecordingStore(store)
  const settings: SessionOptions = { store: recording, secret: SUITE_SECRET, ...sessionOptions }
  const manager = createSessionManager(settings)
  const gates = new Gates()
  // With passOptions the adapter gets the options; the routes still use an equivalent manager.
  const app = await startApp(passOptions ? settings : manager, behaviourRoutes(manager, gates))
  const client = () => new HttpClient(app.url)
  return { store: recording, manager, gates, app, client, browser: client() }
}

/** What one test works with. */
export type Harness = Awaited<ReturnType<typeof openHarness>>

/** How the scenarios open a harness: session options for this test, and whether the adapter gets options or a manager. */
export type OpenHarness = (options?: Partial<SessionOptions>, passOptions?: boolean) => Promise<Harness>

/**
 * The one behaviour suite every adapter passes: the framework app from `startApp` listens on a
 * loopback port and a cookie-keeping client speaks HTTP to it. Scenarios: the session lifecycle
 * (lazy creation, touch throttling, regenerate, invalidate, idle and absolute expiry), hostile
 * cookies, principals, concurrent requests, store failures, skip, and responses (redirects,
 * streams, the app's own cookies). `options.createStore` creates the real store the scenarios run
 * against, once for the suite (each test wraps it in its own `RecordingStore`): give each suite
 * its own key space (e.g. a RedisStore prefix).
 *
 * @example
 * describeAdapterBehaviour('express 5 + MemoryStore', startExpress(express), { createStore: () => new MemoryStore() })
 */
export function describeAdapterBehaviour(
  name: string,
  startApp: StartApp,
  options: { createStore: () => SessionStore | Promise<SessionStore> },
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
      // The suite's beforeAll has created the store before any test opens a harness.
      const harness = await openHarness(store!, startApp, sessionOptions, passOptions)
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
