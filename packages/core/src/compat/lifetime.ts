import { SessionStateError } from '../errors'
import type { HttpSession } from '../http-session'

/** This session's idle lifetime in milliseconds (express-session's `originalMaxAge`, koa-session's `maxAge`). */
export function lifetimeMs(session: HttpSession): number {
  return session.idleTimeout * 1000
}

/**
 * Gives this one session an idle lifetime of `ms` ("remember me"), raising its absolute
 * lifetime to match when it was shorter, so the new lifetime is not cut short by the default.
 * `label` names the property in the error for a value that is not a lifetime.
 */
export function setLifetimeMs(session: HttpSession, ms: unknown, label: string): void {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) {
    throw new SessionStateError(
      `${label} must be a positive number of milliseconds (got ${String(ms)}); for browser-session cookies set the cookie option persistent: false`,
    )
  }
  const seconds = Math.ceil(ms / 1000)
  if (session.absoluteTimeout < seconds) session.absoluteTimeout = seconds
  session.idleTimeout = seconds
}
