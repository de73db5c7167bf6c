import { type HttpSession, SessionStateError } from '@fly-session/core'
// Brings h3's types (1.x or 2.x, whichever the app installed) into the program, so the
// augmentation below has a module to merge into. Type-only: nothing of h3 is loaded at runtime.
import type {} from 'h3'

import type { H3EventLike, SessionContext } from './session'

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
export { type H3EventLike, type SessionMiddleware, session } from './session'

declare module 'h3' {
  interface H3EventContext {
    /**
     * The request's session, loaded by `session()`. Attributes are typed by augmenting
     * `SessionData`. Not set on requests `skip` matched; `getSession(event)` never returns undefined.
     */
    session?: HttpSession
  }
}

/**
 * The event's session (what `session()` put on `event.context.session`), for handlers that
 * want it without the optional type. Throws `SessionStateError` when there is none: the
 * middleware is not registered before this handler, or `skip` matched the request.
 */
export function getSession(event: H3EventLike): HttpSession {
  const found = (event.context as SessionContext).session
  if (found === undefined) {
    throw new SessionStateError(
      'no session on this event: register session() with app.use() before this handler (requests skip matches have none)',
    )
  }
  return found
}
