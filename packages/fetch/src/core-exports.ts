// The core names an app needs next to the adapter, so it needs one import.
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
