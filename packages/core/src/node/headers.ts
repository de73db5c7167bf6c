import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'

/** The request's `Cookie` header as one string. */
export function readCookieHeader(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie
  return Array.isArray(header) ? header.join('; ') : header
}

/** Adds a Set-Cookie value next to any the application set; never replaces them. */
export function appendSetCookie(res: ServerResponse, cookie: string): void {
  const existing = res.getHeader('set-cookie')
  if (existing === undefined) res.setHeader('set-cookie', cookie)
  else res.setHeader('set-cookie', [...(Array.isArray(existing) ? existing : [String(existing)]), cookie])
}

/** `writeHead(status, headers)` replaces same-named headers set earlier, so the cookie joins them there. */
export function addCookieToWriteHead(res: ServerResponse, args: unknown[], cookie: string): void {
  const headers = args[args.length - 1]
  if (Array.isArray(headers)) {
    headers.push('set-cookie', cookie)
    return
  }
  if (headers !== null && typeof headers === 'object') {
    const given = headers as OutgoingHttpHeaders
    const name = Object.keys(given).find((key) => key.toLowerCase() === 'set-cookie')
    if (name !== undefined) {
      const value = given[name]
      given[name] = [...(Array.isArray(value) ? value : [String(value)]), cookie]
      return
    }
  }
  appendSetCookie(res, cookie)
}

/**
 * The response the handler prepared is not the one that goes out when its commit failed: a
 * `Location`, a `Cache-Control: public` or the app's own cookies must not ride on the error.
 */
export function dropHandlerHeaders(res: ServerResponse): void {
  for (const name of res.getHeaderNames()) res.removeHeader(name)
  res.setHeader('cache-control', 'no-store')
}
