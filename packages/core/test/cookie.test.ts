import { describe, expect, it } from 'vitest'

import { signSessionId, verifySessionCookie } from '../src/cookie-signature'
import { readSessionCookie } from '../src/session-cookie'
import { generateSessionId } from '../src/session-id'
import { cookiePair, request, SECRET, setup } from './support/requests'
import './support/session-data'

const secrets = [SECRET]

describe('cookie signature', () => {
  it('verifies what it signed', () => {
    const id = generateSessionId()
    expect(verifySessionCookie(signSessionId(id, secrets), secrets)).toEqual({ id, rotated: false })
  })

  it.each([
    ['an empty value', () => ''],
    ['an unsigned ID', () => generateSessionId()],
    [
      'a signature for another ID',
      () => `${generateSessionId()}.${signSessionId(generateSessionId(), secrets).split('.')[1]}`,
    ],
    ['a flipped signature character', () => flipLast(signSessionId(generateSessionId(), secrets))],
    [
      'a signature by an unknown secret',
      () => signSessionId(generateSessionId(), ['another-secret-of-sufficient-length-000']),
    ],
    ['a short ID', () => signSessionId('abc', secrets)],
    ['a padded signature', () => `${signSessionId(generateSessionId(), secrets)}=`],
    ['non-ASCII', () => `${'é'.repeat(43)}.${'x'.repeat(43)}`],
  ])('rejects %s without throwing', (_, value) => {
    expect(verifySessionCookie(value(), secrets)).toBeUndefined()
  })
})

describe('reading the cookie header', () => {
  it('finds the session cookie among others', () => {
    expect(readSessionCookie('a=1; sid=abc.def; b=2', 'sid')).toBe('abc.def')
  })

  it('treats a duplicated cookie as missing (cookie tossing)', () => {
    expect(readSessionCookie('sid=one; other=1;sid=two', 'sid')).toBeUndefined()
  })

  it('is not fooled by the name inside another cookie', () => {
    expect(readSessionCookie('xsid=1; sid=real; note=sid=x', 'sid')).toBe('real')
  })

  it('treats an oversized value as missing', () => {
    expect(readSessionCookie(`sid=${'a'.repeat(300)}`, 'sid')).toBeUndefined()
  })

  it('survives malformed headers', () => {
    for (const header of ['', ';;;', 'sid', 'sid=', '=sid', 'sid=%E0%A4%A', '\u0000sid=\u0001']) {
      expect(() => readSessionCookie(header, 'sid')).not.toThrow()
    }
  })
})

describe('session cookie through a manager', () => {
  it.each([
    ['a forged cookie', (real: string) => `sid=${flipLast(real.slice(4))}`],
    ['a malformed cookie', () => 'sid=%%%not-a-cookie'],
    ['a duplicated cookie', (real: string) => `${real}; ${real}`],
    ['a huge cookie header', () => `sid=${'x'.repeat(8000)}; a=${'y'.repeat(8000)}`],
  ])('gives %s a fresh session, not the real one and not an error', async (_, forge) => {
    const { manager } = setup()
    const { cookie } = await request(manager, undefined, (s) => s.set('views', 7))
    const { session } = await request(manager, forge(cookie!))
    expect(session.isNew).toBe(true)
    expect(session.get('views')).toBeUndefined()
  })

  it('sets Domain, Partitioned, Priority and a non-persistent cookie when asked', async () => {
    const { manager } = setup({
      cookie: {
        name: '__Secure-s',
        domain: 'example.com',
        path: '/app',
        sameSite: 'strict',
        partitioned: true,
        priority: 'high',
        persistent: false,
      },
    })
    const { setCookie } = await request(manager, undefined, (s) => s.set('views', 1))
    expect(setCookie).toMatch(
      /^__Secure-s=[^;]+; Domain=example.com; Path=\/app; HttpOnly; Secure; Partitioned; Priority=High; SameSite=Strict$/,
    )
    expect(setCookie).not.toContain('Max-Age')
  })

  it('issues a cookie whose value is the raw ID plus an HMAC, and nothing else', async () => {
    const { manager } = setup()
    const { setCookie, session } = await request(manager, undefined, (s) => s.set('views', 1))
    expect(cookiePair(setCookie)).toBe(`sid=${signSessionId(session.id, secrets)}`)
    expect(session.id).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })
})

function flipLast(value: string): string {
  const last = value.at(-1) === 'A' ? 'B' : 'A'
  return value.slice(0, -1) + last
}
