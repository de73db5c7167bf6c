import { type HttpSession, SessionStateError } from '@fly-session/core'
// Brings h3's types (1.x or 2.x, whichever the app installed) into the program, so the
// augmentation below has a module to merge into. Type-only: nothing of h3 is loaded at runtime.
import type {} from 'h3'

import { type H3EventLike, loadFailureOf, type SessionContext } from './context'

// The core names an app needs next to the adapter (the same list in every adapter; a test in
// apps/release-check compares them), so it needs one import.
export {
  createSessionManager,
  type HttpSession,
  SessionConfigError,
  type SessionCookieOptions,
  type SessionData,
  SessionError,
  type SessionErrorCode,
  type SessionHooks,
  type SessionManager,
  type SessionOptions,
  SessionStateError,
  SessionStoreError,
  type SessionSummary,
  SessionTooLargeError,
} from '@fly-session/core'
export type { H3EventLike } from './context'
export {
  type NitroAppLike,
  type NitroEventLike,
  type NitroSessionPlugin,
  nitroSession,
} from './nitro'
export { type SessionMiddleware, session } from './session'

declare module 'h3' {
  interface H3EventContext {
    /**
     * The request's session, loaded by `session()` or `nitroSession()`. Attributes are typed by
     * augmenting `SessionData`. Not set on requests `skip` matched; `getSession(event)` never
     * returns undefined.
     */
    session?: HttpSession
  }
}

/**
 * The event's session (what `session()` or `nitroSession()` put on `event.context.session`),
 * for handlers that want it without the optional type. Throws the `SessionStoreError` (503) of
 * a load that failed in Nitro's `request` hook, and `SessionStateError` when there is no
 * session: nothing registered the session before this handler, or `skip` matched the request.
 */
export function getSession(event: H3EventLike): HttpSession {
  const found = (event.context as SessionContext).session
  if (found !== undefined) return found
  const failure = loadFailureOf(event)
  if (failure !== undefined) throw failure
  throw new SessionStateError(
    'no session on this event: register session() with app.use(), or nitroSession() as a Nitro plugin, before this handler (requests skip matches have none)',
  )
}
