import { createHmac, timingSafeEqual } from 'node:crypto'

/** keygrip's digest text: base64 with `/` → `_`, `+` → `-` and no `=` padding. */
function keygripDigest(key: string, data: string): Buffer {
  const base64 = createHmac('sha1', key).update(data).digest('base64')
  return Buffer.from(base64.replace(/\//g, '_').replace(/\+/g, '-').replace(/=+$/, ''))
}

/**
 * True when `signature` is what Koa's `cookies` (keygrip, HMAC-SHA1, its default) wrote in the
 * `.sig` cookie for cookie `name` with `value`, under any of `keys` (the app's `app.keys`).
 */
export function verifyKoaCookie(
  name: string,
  value: string,
  signature: string,
  keys: readonly string[],
): boolean {
  const given = Buffer.from(signature)
  for (const key of keys) {
    const expected = keygripDigest(key, `${name}=${value}`)
    if (expected.length === given.length && timingSafeEqual(expected, given)) return true
  }
  return false
}
