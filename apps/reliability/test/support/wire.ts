import { createHash, createHmac, randomBytes } from 'node:crypto'

/*
 * The cookie and key formats, written out independently of core: the tests forge, tamper with
 * and look up exactly what an attacker or a store dump would see, without borrowing core's code.
 */

/** `<id>.<base64url HMAC-SHA-256(id)>`, as core signs a session cookie. */
export function signedCookieValue(id: string, secret: string): string {
  return `${id}.${createHmac('sha256', secret).update(id).digest('base64url')}`
}

/** The ID inside a signed cookie value (everything before the signature). */
export function idOf(cookieValue: string): string {
  return cookieValue.slice(0, cookieValue.lastIndexOf('.'))
}

/** A well-formed ID the server never issued. */
export function randomId(): string {
  return randomBytes(32).toString('base64url')
}

/** The key a store sees for an ID when `hashIds` is on (the default). */
export function storeKeyOf(id: string): string {
  return createHash('sha256').update(id).digest('base64url')
}

/** The value of cookie `name` in one Set-Cookie header, or `undefined`. */
export function cookieValueIn(setCookie: string | undefined, name = 'sid'): string | undefined {
  if (setCookie === undefined || !setCookie.startsWith(`${name}=`)) return undefined
  const end = setCookie.indexOf(';')
  return decodeURIComponent(setCookie.slice(name.length + 1, end === -1 ? undefined : end))
}
