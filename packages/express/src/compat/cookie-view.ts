import { type HttpSession, type SessionCookieOptions, SessionStateError } from '@fly-session/core'

import { lifetimeMs, setLifetimeMs } from '@fly-session/core/compat'

/** express-session's `req.session.cookie` fields, as `JSON.stringify` shows them. */
export interface SessionCookieJSON {
  originalMaxAge: number | null
  expires: string | null
  secure: boolean
  httpOnly: boolean
  path: string
  domain: string | undefined
  sameSite: 'lax' | 'strict' | 'none'
}

/**
 * `req.session.cookie`: the session cookie as express-session describes it, read from the
 * fly-session session. `maxAge` and `expires` are this session's own lifetime (assigning them
 * is "remember me"); the other attributes are the manager's cookie options, the same for every
 * session, so assigning them throws instead of being ignored.
 */
export class SessionCookieView {
  readonly #session: () => HttpSession
  readonly #options: SessionCookieOptions

  constructor(session: () => HttpSession, options: SessionCookieOptions) {
    this.#session = session
    this.#options = options
  }

  /** Milliseconds until the session expires; `null` for a browser-session cookie. Assign to change this session's lifetime. */
  get maxAge(): number | null {
    if (this.#options.persistent === false) return null
    return Math.max(0, this.#session().expiresAt - Date.now())
  }

  set maxAge(ms: number | null) {
    setLifetimeMs(this.#session(), ms, 'req.session.cookie.maxAge')
  }

  /** When the session expires; `null` for a browser-session cookie. Assign a Date to change this session's lifetime. */
  get expires(): Date | null {
    if (this.#options.persistent === false) return null
    return new Date(this.#session().expiresAt)
  }

  set expires(date: Date | null) {
    setLifetimeMs(
      this.#session(),
      date instanceof Date ? date.getTime() - Date.now() : date,
      'req.session.cookie.expires',
    )
  }

  /** The session's idle lifetime in milliseconds. */
  get originalMaxAge(): number | null {
    if (this.#options.persistent === false) return null
    return lifetimeMs(this.#session())
  }

  get secure(): boolean {
    return this.#options.secure ?? true
  }

  set secure(_: boolean) {
    managerWide('secure')
  }

  get httpOnly(): boolean {
    return this.#options.httpOnly ?? true
  }

  set httpOnly(_: boolean) {
    managerWide('httpOnly')
  }

  get path(): string {
    return this.#options.path ?? '/'
  }

  set path(_: string) {
    managerWide('path')
  }

  get domain(): string | undefined {
    return this.#options.domain
  }

  set domain(_: string | undefined) {
    managerWide('domain')
  }

  get sameSite(): 'lax' | 'strict' | 'none' {
    return this.#options.sameSite ?? 'lax'
  }

  set sameSite(_: 'lax' | 'strict' | 'none') {
    managerWide('sameSite')
  }

  /** express-session's `resetMaxAge()`: fly-session refreshes the expiry itself (see `touchInterval`). */
  resetMaxAge(): void {}

  toJSON(): SessionCookieJSON {
    const expires = this.expires
    return {
      originalMaxAge: this.originalMaxAge,
      expires: expires === null ? null : expires.toISOString(),
      secure: this.secure,
      httpOnly: this.httpOnly,
      path: this.path,
      domain: this.domain,
      sameSite: this.sameSite,
    }
  }
}

function managerWide(name: string): never {
  throw new SessionStateError(
    `req.session.cookie.${name} is the same for every session: set it in the cookie options of session()`,
  )
}
