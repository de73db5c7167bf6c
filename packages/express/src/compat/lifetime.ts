import { type HttpSession, SessionStateError } from '@fly-session/core'

/** `HttpSession` with core's per-session lifetime (seconds), which older cores lack. */
type WithLifetime = HttpSession & { idleTimeout: number; absoluteTimeout: number }

function hasLifetime(session: HttpSession): session is WithLifetime {
  return 'idleTimeout' in session && 'absoluteTimeout' in session
}

/** This session's idle lifetime in milliseconds (what express-session calls `originalMaxAge`). */
export function lifetimeMs(session: HttpSession): number {
  if (hasLifetime(session)) return session.idleTimeout * 1000
  return session.expiresAt - session.lastAccessedAt
}

/**
 * Gives this one session an idle lifetime of `ms` ("remember me"), raising its absolute
 * lifetime to match when it was shorter, so the new lifetime is not cut short by the default.
 */
export function setLifetimeMs(session: HttpSession, ms: unknown, label: string): void {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) {
    throw new SessionStateError(
      `${label} must be a positive number of milliseconds (got ${String(ms)}); for browser-session cookies set the cookie option persistent: false`,
    )
  }
  if (!hasLifetime(session)) {
    throw new SessionStateError(
      'a per-session lifetime needs a @fly-session/core with HttpSession.idleTimeout',
    )
  }
  const seconds = Math.ceil(ms / 1000)
  if (session.absoluteTimeout < seconds) session.absoluteTimeout = seconds
  session.idleTimeout = seconds
}
