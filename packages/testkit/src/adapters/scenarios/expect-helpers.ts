import type { ClientResponse } from '../../http'
import type { SessionSnapshot } from '../routes'

/** What `/read` answers for a session that was just created. */
export const FRESH: SessionSnapshot = { isNew: true, principal: null, attributes: {} }

/** The session cookie's name (core's default, which the suite keeps). */
export const SID = 'sid'

/** The body of a `/read` or `/write` answer. */
export function body(response: ClientResponse): SessionSnapshot {
  return response.json<SessionSnapshot>()
}

/** The Set-Cookie headers of the session cookie only (the app may set others). */
export function sessionCookies(response: ClientResponse): string[] {
  return response.setCookies.filter((header) => header.startsWith(`${SID}=`))
}

/**
 * The HTTP status an error carries (`status` or `statusCode`). h3 1.x wraps the adapter's error
 * in its own H3Error and keeps only the status and message, so the code is not always there.
 */
export function errorStatus(error: unknown): unknown {
  const seen = error as { status?: unknown; statusCode?: unknown } | undefined
  return seen?.status ?? seen?.statusCode
}
