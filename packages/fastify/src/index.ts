import type { FastifySession } from './compat-session'

// The core names a Fastify app needs, so it needs one import.
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
export type { FastifySession, FastifySessionCompat } from './compat-session'
export { session } from './plugin'

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The request's session, loaded in `onRequest`. Attributes are typed by augmenting
     * `SessionData`. `null` on requests the `skip` option matched; absent on routes outside
     * the scope the plugin is registered in.
     */
    session: FastifySession
  }
}
