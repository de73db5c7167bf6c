import type { HttpSession, SessionManager } from '@fly-session/core'

declare global {
  namespace FlySession {
    interface SessionData {
      views: number
      theme: string
    }
  }
}

/** What one request left behind: its session, and the Cookie header the next request sends. */
export interface RequestResult {
  session: HttpSession
  cookie: string | undefined
}

/**
 * Drives one request through the lifecycle exactly as an adapter does: begin, load, the
 * handler, setCookie, commit.
 */
export async function request(
  manager: SessionManager,
  cookie: string | undefined,
  handler: (session: HttpSession) => void = () => {},
): Promise<RequestResult> {
  const lifecycle = manager.begin(cookie)
  const session = await lifecycle.load()
  handler(session)
  const setCookie = lifecycle.setCookie()
  await lifecycle.commit()
  return { session, cookie: setCookie === undefined ? cookie : setCookie.split(';')[0] }
}
