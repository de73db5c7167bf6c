import { parse, serialize } from 'cookie'

/**
 * The first value of cookie `name` in a Cookie header; `undefined` when absent. URL-decoded,
 * unless `raw` (Koa's `cookies` signs the value as sent).
 */
export function readCookie(header: string | undefined, name: string, raw = false): string | undefined {
  if (header === undefined) return undefined
  return (raw ? parse(header, { decode: (value) => value }) : parse(header))[name]
}

/** Where another library's cookie was set, so the expiring Set-Cookie replaces it. */
export interface OldCookieScope {
  /** @default '/' */
  path?: string
  /** Omitted by default (a host-only cookie). */
  domain?: string
}

/** A Set-Cookie value that removes cookie `name` from the browser. */
export function expiringCookie(name: string, scope: OldCookieScope = {}): string {
  return serialize(name, '', {
    path: scope.path ?? '/',
    domain: scope.domain,
    expires: new Date(0),
    httpOnly: true,
  })
}
