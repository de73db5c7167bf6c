import type { HttpSession } from '../http-session'
import type { SessionManager } from '../manager'

/** What one request driven through the lifecycle left behind. */
export interface DrivenRequest<R> {
  /** The session the handler saw. */
  session: HttpSession
  /** What the handler returned. */
  result: R
  /** The response's Set-Cookie value, when the commit plan issued or expired the cookie. */
  setCookie: string | undefined
  /** The Cookie header the next request of this client sends: the new cookie's pair, or the one sent. */
  cookie: string | undefined
}

/**
 * Drives one request the way every adapter does (begin, load, the handler, setCookie, commit)
 * with no framework in between, so a store author can test a store through core's real
 * lifecycle, and a failure is core's or the store's.
 *
 * @param cookieHeader - the request's Cookie header (`sid=...`), or undefined for a new visitor.
 */
export async function driveRequest<R = void>(
  manager: SessionManager,
  cookieHeader: string | undefined,
  handler: (session: HttpSession) => R | Promise<R> = () => undefined as R,
): Promise<DrivenRequest<R>> {
  const lifecycle = manager.begin(cookieHeader)
  const session = await lifecycle.load()
  const result = await handler(session)
  const setCookie = lifecycle.setCookie()
  await lifecycle.commit()
  return { session, result, setCookie, cookie: setCookie?.split(';')[0] ?? cookieHeader }
}
