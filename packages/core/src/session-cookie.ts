import { parse, type SerializeOptions, serialize } from 'cookie'

import type { ResolvedCookie } from './config'

/** Longer than any value we issue (87 characters) by a wide margin; anything longer is garbage. */
const MAX_COOKIE_VALUE_LENGTH = 256

/**
 * The session cookie's value from a `Cookie` header, or `undefined` when it is absent,
 * oversized, or present more than once. Duplicates are refused rather than guessed at: a
 * second cookie of the same name is the mark of cookie tossing from a sibling subdomain.
 */
export function readSessionCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  const first = header.indexOf(`${name}=`)
  if (first === -1) return undefined
  if (hasSecondOccurrence(header, name, first)) return undefined
  const value = parse(header)[name]
  if (value === undefined || value.length > MAX_COOKIE_VALUE_LENGTH) return undefined
  return value
}

/** True when `name=` starts a cookie pair twice (an occurrence inside another value does not count). */
function hasSecondOccurrence(header: string, name: string, first: number): boolean {
  let seen = 0
  for (let at = first; at !== -1; at = header.indexOf(`${name}=`, at + 1)) {
    if (startsPair(header, at) && ++seen > 1) return true
  }
  return false
}

function startsPair(header: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = header.charCodeAt(i)
    if (c === 59 /* ; */) return true
    if (c !== 32 && c !== 9) return false
  }
  return true
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

  /** A cookie carrying `value` that lives until `expiresAt` (epoch ms) when persistent. */
  issue(value: string, expiresAt: number, now: number): string {
    if (!this.#persistent) return serialize(this.#name, value, this.#base)
    const maxAge = Math.max(0, Math.floor((expiresAt - now) / 1000))
    return serialize(this.#name, value, { ...this.#base, maxAge })
  }

  /** A cookie that makes the browser drop the session cookie. */
  expire(): string {
    return serialize(this.#name, '', { ...this.#base, maxAge: 0, expires: new Date(0) })
  }
}
