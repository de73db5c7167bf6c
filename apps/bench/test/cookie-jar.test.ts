import { describe, expect, it } from 'vitest'
import { CookieJar } from '../src/harness/cookie-jar'

describe('CookieJar', () => {
  it('keeps name=value pairs from Set-Cookie and sends them back', () => {
    const jar = new CookieJar()
    jar.update(['sid=abc.def; Path=/; HttpOnly; Secure', 'sid.sig=xyz=; Path=/'])
    expect(jar.header()).toBe('sid=abc.def; sid.sig=xyz=')
  })

  it('forgets a cookie the server expires', () => {
    const jar = CookieJar.fromHeader('sid=abc; other=1')
    jar.update(['sid=; Max-Age=0', 'other=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT'])
    expect(jar.header()).toBeUndefined()
  })

  it('replaces a cookie the server sets again', () => {
    const jar = CookieJar.fromHeader('sid=old')
    jar.update(['sid=new; Max-Age=1800'])
    expect(jar.header()).toBe('sid=new')
  })
})
