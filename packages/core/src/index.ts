export { devalueCodec, MAX_NESTING_DEPTH, type SessionCodec } from './codec'
export {
  DEFAULT_ABSOLUTE_TIMEOUT,
  DEFAULT_COOKIE_NAME,
  DEFAULT_IDLE_TIMEOUT,
  DEFAULT_MAX_SIZE,
  DEFAULT_TOUCH_INTERVAL,
  MIN_SECRET_LENGTH,
} from './defaults'
export {
  SessionConfigError,
  SessionError,
  type SessionErrorCode,
  SessionStateError,
  SessionStoreError,
  SessionTooLargeError,
} from './errors'
export type { HttpSession, SessionData } from './http-session'
export type { SessionLifecycle } from './lifecycle'
export {
  createSessionManager,
  isSessionManager,
  type SessionManager,
  type SessionSummary,
  toSessionManager,
  WRAPPED_SESSION,
} from './manager'
export type { SessionCookieOptions, SessionHooks, SessionOptions } from './options'
export { runSession } from './run-session'
export type { SessionPatch, SessionStore, StoredSession } from './store'
export { trackMutations } from './track-mutations'
