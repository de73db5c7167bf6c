import type { HttpSession, SessionManager } from '@fly-session/core'

/** What one request driven through core's lifecycle left behind. */
export interface CoreResponse<R> {
  session: HttpSession
  result: R
  setCookie: string | undefined
}

/**
 * Drives one request the way every adapter does (load → handler → setCookie → commit), with
 * no framework in between, so a failure here is core's.
 */
export async function coreRequest<R>(
  manager: SessionManager,
  cookieHeader: string | undefined,
  handler: (session: HttpSession) => R | Promise<R>,
): Promise<CoreResponse<R>> {
  const lifecycle = manager.begin(cookieHeader)
  const session = await lifecycle.load()
  const result = await handler(session)
  const setCookie = lifecycle.setCookie()
  await lifecycle.commit()
  return { session, result, setCookie }
}
