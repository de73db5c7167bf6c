import { type SerializeOptions, serialize } from 'cookie'

import type { ResolvedCookie } from './config'

/** Longer than any value we issue (87 characters) by a wide margin; anything longer is garbage. */
const MAX_COOKIE_VALUE_LENGTH = 256

/**
 * The session cookie's value from a `Cookie` header: `undefined` when there is none, `''` (a
 * value no signature verifies) when it is there but unusable: oversized, or present more than
 * once. Duplicates are refused rather than guessed at: a second cookie of the same name is the
 * mark of cookie tossing from a sibling subdomain.
 * Names are compared as a cookie parser sees them (trimmed), so `sid =x; sid=y` is a
 * duplicate too.
 */
export function readSessionCookie(header: string | undefined, name: string): string | undefined {
  if (!header?.includes(name)) return undefined
  let found: string | undefined
  let equals = -1
  for (let start = 0; start < header.length; ) {
    let end = header.indexOf(';', start)
    if (end === -1) end = header.length
    // Each '=' is searched for once, so a header of many empty pairs stays linear.
    if (equals < start) equals = header.indexOf('=', start)
    if (equals === -1) break
    if (equals < end && header.slice(start, equals).trim() === name) {
      if (found !== undefined) return ''
      found = header.slice(equals + 1, end).trim()
    }
    start = end + 1
  }
  if (found === undefined) return undefined
  if (found.length > MAX_COOKIE_VALUE_LENGTH) return ''
  // A quoted value is legal cookie syntax; ours never are, so it is compared without its quotes.
  return found.length > 1 && found.startsWith('"') && found.endsWith('"') ? found.slice(1, -1) : found
}

/** Builds the Set-Cookie values for one configured cookie. */
export class SessionCookieWriter {
  readonly #name: string
  readonly #base: SerializeOptions
  readonly #persistent: boolean

  constructor(cookie: ResolvedCookie) {
    this.#name = cookie.name
    this.#persistent = cookie.persistent
    this.#base = {
      path: cookie.path,
      domain: cookie.domain,
      secure: cookie.secure,
      httpOnly: cookie.httpOnly,
      sameSite: cookie.sameSite,
      partitioned: cookie.partitioned,
      priority: cookie.priority,
    }
  }

  /** A cookie carrying `value` that lives `maxAge` seconds when persistent (the store's TTL, to the second). */
  issue(value: string, maxAge: number): string {
    if (!this.#persistent) return serialize(this.#name, value, this.#base)
    return serialize(this.#name, value, { ...this.#base, maxAge })
  }

  /** A cookie that makes the browser drop the session cookie. */
  expire(): string {
    return serialize(this.#name, '', { ...this.#base, maxAge: 0, expires: new Date(0) })
  }
}
