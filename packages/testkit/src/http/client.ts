import { CookieJar } from './cookie-jar'
import { parseSetCookie } from './set-cookie'

/** Options for one request. */
export interface RequestOptions {
  method?: string
  headers?: Record<string, string>
  body?: string
  /**
   * A raw Cookie header to send instead of the jar's (forged, malformed or stale cookies).
   * The response's cookies are still stored in the jar.
   */
  cookie?: string
}

/**
 * A cookie-keeping HTTP client over `fetch`: redirects are not followed (`redirect: 'manual'`),
 * so a test sees each hop, and every response's cookies land in one `CookieJar`, shared by all
 * the URLs this client talks to (cookies are per host, not per port, as in a browser).
 */
export class HttpClient {
  readonly jar = new CookieJar()

  /** @param baseUrl - what relative URLs are resolved against, e.g. `app.url`. */
  constructor(private readonly baseUrl?: string) {}

  /** A GET request; see `request`. */
  get(url: string, options: Omit<RequestOptions, 'method'> = {}) {
    return this.request(url, { ...options, method: 'GET' })
  }

  /**
   * Sends one request (to `url`, resolved against the base URL) with the jar's cookies for it,
   * or `options.cookie`; reads the whole body; stores the response's cookies in the jar.
   */
  async request(url: string, options: RequestOptions = {}) {
    const target = new URL(url, this.baseUrl)
    const headers = new Headers(options.headers)
    const cookie = options.cookie ?? this.jar.header(target)
    if (cookie !== undefined) headers.set('cookie', cookie)
    // The method and body as given (fetch's default method is GET); `cookie` is ours, fetch ignores it.
    const response = await fetch(target, { ...options, headers, redirect: 'manual' })
    const text = await response.text()
    const setCookies = response.headers.getSetCookie()
    this.jar.store(target, setCookies)
    return {
      status: response.status,
      // The global name: the inferred undici type cannot be named in a declaration.
      headers: response.headers as Headers,
      /** Every Set-Cookie header, as sent. */
      setCookies,
      text,
      /** The body parsed as JSON. */
      json: <T = unknown>() => JSON.parse(text) as T,
      /** The Set-Cookie header for the named cookie, parsed; `undefined` when the response set none. */
      cookie: (name: string) => setCookies.map(parseSetCookie).find((c) => c.name === name),
    }
  }

  /** The value of a cookie the jar holds for the base URL's host (or `url`'s). */
  cookie(name: string, url = this.baseUrl): string | undefined {
    return this.jar.get(new URL(url!), name)
  }
}

/** A response, read to the end (so a streamed body has completed when you get it). */
export type ClientResponse = Awaited<ReturnType<HttpClient['request']>>
