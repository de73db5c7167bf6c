import { type HttpSession, trackMutations } from '@fly-session/core'

/** The session with attributes keyed by any name: the property-style objects take names at run time. */
export function untyped(session: HttpSession): HttpSession<Record<string, unknown>> {
  return session as unknown as HttpSession<Record<string, unknown>>
}

/**
 * The native session as a property-style session uses it: attribute names from run time, and
 * core's `trackMutations` on, because code written for express-session and koa-session changes
 * values in place (`req.session.cart.push(x)`, or an object mutated after it was assigned, as
 * connect-flash does). Core finds those changes at commit and writes only them.
 */
export function propertyStyle(session: HttpSession): HttpSession<Record<string, unknown>> {
  trackMutations(session)
  return untyped(session)
}
