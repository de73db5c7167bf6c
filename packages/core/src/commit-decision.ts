import type { Session } from './session'

/**
 * What the response does with the cookie, decided once per request (at the first of
 * `setCookie()` and `commit()`), because the headers may leave before the commit runs.
 * `touch`: the commit moves `lastAccessedAt` to `now`. It is true exactly when the cookie is
 * (re-)issued, so the browser's `Max-Age` and the store's TTL always point at the same deadline.
 */
export interface CookieDecision {
  cookie: 'issue' | 'expire' | 'none'
  touch: boolean
  /** Epoch milliseconds. */
  now: number
}

/** The rules of ARCHITECTURE.md's lifecycle table, for the cookie. */
export function decideCookie(
  session: Session,
  context: { now: number; touchIntervalMs: number; rotated: boolean; detached: boolean },
): CookieDecision {
  const { now } = context
  if (context.detached) return { cookie: 'none', touch: false, now }
  if (session.invalidated) return { cookie: session.isNew ? 'none' : 'expire', touch: false, now }
  if (session.isNew)
    return session.modified ? { cookie: 'issue', touch: true, now } : { cookie: 'none', touch: false, now }
  if (session.previous !== undefined) return { cookie: 'issue', touch: true, now }
  // A cookie signed with a retired secret is re-signed at once, as if its touch were due.
  const touchDue = context.rotated || now - session.lastAccessedAt >= context.touchIntervalMs
  return touchDue ? { cookie: 'issue', touch: true, now } : { cookie: 'none', touch: false, now }
}
