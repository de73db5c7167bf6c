import { SessionStateError } from './errors'
import type { HttpSession } from './http-session'
import { Session } from './session'

/**
 * From now on in this request, values returned by `session.get()` that the handler changed in
 * place (`session.get('cart').push(item)`) are found at commit, by encoding them again and
 * comparing, and written like a `set`. An object passed to `set()` is kept by reference (not
 * as a snapshot): `get()` returns it, and changes made to it afterwards are found the same way. For code written against express-session or
 * koa-session, where that is how sessions are used; the compat layers turn it on. It costs one
 * encoding per value read.
 */
export function trackMutations(session: HttpSession): void {
  if (!(session instanceof Session)) {
    throw new SessionStateError('trackMutations() needs a session from a fly-session lifecycle')
  }
  session.trackMutations()
}
