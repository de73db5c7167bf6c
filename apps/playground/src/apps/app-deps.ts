import type { SessionManager } from '@fly-session/core'

import type { Framework } from '../api'
import type { PlaygroundService } from '../playground-service'

/** What each framework app is built from: the one manager and the one service they share. */
export interface AppDeps {
  manager: SessionManager
  service: PlaygroundService
  /** Called with server-side failures (a 5xx), so they reach the playground's log. */
  onError(framework: Framework, error: unknown): void
}
