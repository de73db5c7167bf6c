import { type SetCookie as Parsed, parseSetCookie as parse } from 'cookie'

/** One Set-Cookie header, parsed (`sameSite` lower-cased, flags `true` or absent). */
export type SetCookie = Parsed & { value: string }

/** Parses one Set-Cookie header value with the `cookie` package core already uses. */
export function parseSetCookie(header: string): SetCookie {
  // Values are kept as sent, as browsers keep them (the parser would URL-decode them).
  const parsed = parse(header, { decode: (value) => value })
  return { ...parsed, value: parsed.value ?? '' }
}

/** True when the header tells the browser to drop the cookie at once. */
export function isExpiring(cookie: SetCookie, now = Date.now()): boolean {
  if (cookie.maxAge !== undefined) return cookie.maxAge <= 0
  return cookie.expires !== undefined && cookie.expires.getTime() <= now
}
