import { createSessionManager, type HttpSession, type SessionManager, type SessionOptions } from '../../src'
import { LoggedStore } from './logged-store'

export const SECRET = 'a-test-secret-that-is-long-enough-0123456789'

/** A manager over a fresh LoggedStore, with test-friendly overrides. */
export function setup(options: Partial<SessionOptions> = {}, store = new LoggedStore()) {
  const manager = createSessionManager({ store, secret: SECRET, ...options })
  return { manager, store }
}

/** The cookie pair (`name=value`) from a Set-Cookie value, for the next request's Cookie header. */
export function cookiePair(setCookie: string | undefined): string | undefined {
  return setCookie?.split(';')[0]
}

/**
 * Runs one request the way an adapter does: begin → load → handler → setCookie → commit.
 * Returns the Set-Cookie value (if any) and the session the handler saw.
 */
export async function request(
  manager: SessionManager,
  cookie: string | undefined,
  handler: (session: HttpSession) => unknown = () => {},
): Promise<{ setCookie: string | undefined; session: HttpSession; cookie: string | undefined }> {
  const lifecycle = manager.begin(cookie)
  const session = await lifecycle.load()
  await handler(session)
  const setCookie = lifecycle.setCookie()
  await lifecycle.commit()
  return { setCookie, session, cookie: cookiePair(setCookie) ?? cookie }
}
