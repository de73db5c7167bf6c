import {
  createSessionManager,
  type SessionManager,
  type SessionOptions,
  type SessionStore,
} from '@fly-session/core'
import { RecordingStore } from '@fly-session/core/testing'

import { HttpClient } from '../http'
import { Gates } from './gates'
import { behaviourRoutes, type Routes } from './routes'

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

/** What one test works with: a fresh counting store over the suite's store, a manager, an app. */
export interface Harness {
  store: RecordingStore
  manager: SessionManager
  gates: Gates
  app: RunningApp
  /** A new client (an empty cookie jar) for the app. */
  client(): HttpClient
}

/**
 * Opens a harness. `passOptions`: hand the adapter the options rather than the manager (the
 * routes still use an equivalent manager over the same store and secret).
 */
export async function openHarness(
  startApp: StartApp,
  store: SessionStore,
  options: Partial<SessionOptions>,
  passOptions: boolean,
): Promise<Harness> {
  const counting = new RecordingStore(store)
  const sessionOptions: SessionOptions = { store: counting, secret: SUITE_SECRET, ...options }
  const manager = createSessionManager(sessionOptions)
  const gates = new Gates()
  const app = await startApp(passOptions ? sessionOptions : manager, behaviourRoutes(manager, gates))
  return { store: counting, manager, gates, app, client: () => new HttpClient(app.url) }
}
