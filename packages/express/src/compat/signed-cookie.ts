import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * The session ID inside an express-session cookie value (`s:<id>.<mac>`, the mac being the
 * base64 HMAC-SHA256 of the ID without `=` padding, as the `cookie-signature` package makes it)
 * when one of `secrets` signed it; `undefined` for anything else.
 */
export function unsignExpressSessionCookie(value: string, secrets: readonly string[]): string | undefined {
  if (!value.startsWith('s:')) return undefined
  const signed = value.slice(2)
  const dot = signed.lastIndexOf('.')
  if (dot <= 0) return undefined
  const id = signed.slice(0, dot)
  const given = Buffer.from(signed.slice(dot + 1))
  for (const secret of secrets) {
    const expected = Buffer.from(createHmac('sha256', secret).update(id).digest('base64').replace(/=+$/, ''))
    if (expected.length === given.length && timingSafeEqual(expected, given)) return id
  }
  return undefined
}
