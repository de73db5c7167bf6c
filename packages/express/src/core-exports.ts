// The core names an app needs next to the adapter, for both entry points (the same list in
// every adapter; a test in apps/release-check compares them), so it needs one import.
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
