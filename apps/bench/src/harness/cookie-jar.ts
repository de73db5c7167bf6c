/**
 * The few cookie rules the bench needs to act like a browser towards one server: remember
 * `name=value` from Set-Cookie, forget a cookie the server expires, send them all back.
 */
export class CookieJar {
  readonly #cookies = new Map<string, string>()

  /** A jar holding the cookies of a `Cookie` request header. */
  static fromHeader(header: string): CookieJar {
    const jar = new CookieJar()
    jar.update(header.split('; '))
    return jar
  }

  /** Applies a response's Set-Cookie headers. */
  update(setCookies: string[]): void {
    for (const header of setCookies) {
      const [pair = '', ...attributes] = header.split(';')
      const equals = pair.indexOf('=')
      if (equals <= 0) continue
      const name = pair.slice(0, equals).trim()
      const value = pair.slice(equals + 1).trim()
      if (value === '' || attributes.some(isExpiry)) this.#cookies.delete(name)
      else this.#cookies.set(name, value)
    }
  }

  /** The Cookie request header, or undefined when the jar is empty. */
  header(): string | undefined {
    if (this.#cookies.size === 0) return undefined
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }
}

/** True for `Max-Age=0` (or negative) and an `Expires` in the past: the server deletes the cookie. */
function isExpiry(attribute: string): boolean {
  const [rawName = '', rawValue = ''] = attribute.split('=')
  const name = rawName.trim().toLowerCase()
  if (name === 'max-age') return Number(rawValue) <= 0
  if (name === 'expires') return Date.parse(rawValue) <= Date.now()
  return false
}
