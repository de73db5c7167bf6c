import type { Framework } from './api'

/** The counter as the session stores it. */
export interface StoredCounter {
  value: number
  lastWriter: Framework
}

// Typed attributes for every `session.get`/`set` in the playground, whichever framework runs it.
declare global {
  namespace FlySession {
    interface SessionData {
      counter: StoredCounter
    }
  }
}
