import { isExpiring, parseSetCookie } from './set-cookie'

interface StoredCookie {
  name: string
  value: string
  path: string
  /** Epoch milliseconds; `undefined` for a browser-session cookie. */
  expiresAt: number | undefined
}

/** RFC 6265 5.1.4: the directory of the request path. */
function defaultPath({ pathname }: URL): string {
  const slash = pathname.lastIndexOf('/')
  return slash <= 0 ? '/' : pathname.slice(0, slash)
}

/** RFC 6265 5.1.4 path-match. */
function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true
  if (!requestPath.startsWith(cookiePath)) return false
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/'
}

/**
 * A browser's cookie store, reduced to what loopback tests need: cookies are host-only and, as
 * in browsers, scoped by host but not by port (so apps on several ports of 127.0.0.1 share
 * them); Path, Max-Age and Expires are honoured. `Secure` cookies are sent over plain HTTP: the
 * tests only speak to loopback, which browsers treat as a secure context. Domain attributes are
 * ignored.
 */
export class CookieJar {
  readonly #byHost = new Map<string, StoredCookie[]>()

  /** Applies a response's Set-Cookie headers, as received from `url`. */
  store(url: URL, setCookies: readonly string[], now = Date.now()): void {
    for (const header of setCookies) {
      const parsed = parseSetCookie(header)
      if (parsed.name === '') continue
      const path = parsed.path?.startsWith('/') ? parsed.path : defaultPath(url)
      const kept = this.#cookies(url, now).filter((c) => !(c.name === parsed.name && c.path === path))
      if (!isExpiring(parsed, now)) {
        const expiresAt = parsed.maxAge !== undefined ? now + parsed.maxAge * 1000 : parsed.expires?.getTime()
        kept.push({ name: parsed.name, value: parsed.value, path, expiresAt })
      }
      this.#byHost.set(url.hostname, kept)
    }
  }

  /** The Cookie header a browser would send to `url`, or `undefined` when it would send none. */
  header(url: URL, now = Date.now()): string | undefined {
    const pairs = this.#cookies(url, now)
      .filter((c) => pathMatches(url.pathname, c.path))
      .sort((a, b) => b.path.length - a.path.length)
      .map((c) => `${c.name}=${c.value}`)
    return pairs.length === 0 ? undefined : pairs.join('; ')
  }

  /** The value of the named cookie the jar holds for `url`'s host (any path), if live. */
  get(url: URL, name: string, now = Date.now()): string | undefined {
    return this.#cookies(url, now).find((c) => c.name === name)?.value
  }

  /** The live cookies of `url`'s host. */
  #cookies(url: URL, now: number): StoredCookie[] {
    return (this.#byHost.get(url.hostname) ?? []).filter(
      (c) => c.expiresAt === undefined || c.expiresAt > now,
    )
  }
}
