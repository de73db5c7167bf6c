import { parseSetCookie as parse } from 'cookie'

/** One Set-Cookie header, parsed. */
export interface SetCookie {
  name: string
  value: string
  /** Seconds, when the header has `Max-Age`. */
  maxAge?: number
  expires?: Date
  path?: string
  domain?: string
  secure: boolean
  httpOnly: boolean
  sameSite?: string
}

/** Every Set-Cookie header of a response, each as sent (they are never folded into one). */
export function setCookieHeaders(response: Response): string[] {
  return response.headers.getSetCookie()
}

/** Parses one Set-Cookie header value with the `cookie` package core already uses. */
export function parseSetCookie(header: string): SetCookie {
  // Values are kept as sent, as browsers keep them (the parser would URL-decode them).
  const parsed = parse(header, { decode: (value) => value })
  return {
    name: parsed.name,
    value: parsed.value ?? '',
    maxAge: parsed.maxAge,
    expires: parsed.expires,
    path: parsed.path,
    domain: parsed.domain,
    secure: parsed.secure === true,
    httpOnly: parsed.httpOnly === true,
    sameSite: typeof parsed.sameSite === 'string' ? parsed.sameSite.toLowerCase() : undefined,
  }
}

/** True when the header tells the browser to drop the cookie at once. */
export function isExpiring(cookie: SetCookie, now = Date.now()): boolean {
  if (cookie.maxAge !== undefined) return cookie.maxAge <= 0
  return cookie.expires !== undefined && cookie.expires.getTime() <= now
}
