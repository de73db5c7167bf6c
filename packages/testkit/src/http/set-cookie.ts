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

/** Parses one Set-Cookie header value (RFC 6265 section 5.2, without the Domain rules). */
export function parseSetCookie(header: string): SetCookie {
  const [pair = '', ...attributes] = header.split(';')
  const equals = pair.indexOf('=')
  const cookie: SetCookie = {
    name: (equals === -1 ? '' : pair.slice(0, equals)).trim(),
    value: (equals === -1 ? pair : pair.slice(equals + 1)).trim(),
    secure: false,
    httpOnly: false,
  }
  for (const attribute of attributes) {
    const at = attribute.indexOf('=')
    const key = (at === -1 ? attribute : attribute.slice(0, at)).trim().toLowerCase()
    const value = at === -1 ? '' : attribute.slice(at + 1).trim()
    if (key === 'max-age') cookie.maxAge = Number(value)
    else if (key === 'expires') cookie.expires = new Date(value)
    else if (key === 'path') cookie.path = value
    else if (key === 'domain') cookie.domain = value
    else if (key === 'secure') cookie.secure = true
    else if (key === 'httponly') cookie.httpOnly = true
    else if (key === 'samesite') cookie.sameSite = value.toLowerCase()
  }
  return cookie
}

/** True when the header tells the browser to drop the cookie at once. */
export function isExpiring(cookie: SetCookie, now = Date.now()): boolean {
  if (cookie.maxAge !== undefined) return cookie.maxAge <= 0
  return cookie.expires !== undefined && cookie.expires.getTime() <= now
}
