import { CookieJar } from '@fly-session/testkit/http'
import { describe, expect, it } from 'vitest'

import { jarFrom } from '../src/harness/session-client'

// The bench drives each server with the testkit's jar; these are the rules it relies on.
const server = 'http://127.0.0.1:4000'
const at = new URL(`${server}/read`)

describe('the cookie jar the bench uses', () => {
  it('keeps name=value pairs from Set-Cookie and sends them back', () => {
    const jar = new CookieJar()
    jar.store(at, ['sid=abc.def; Path=/; HttpOnly; Secure', 'sid.sig=xyz=; Path=/'])
    expect(jar.header(at)).toBe('sid=abc.def; sid.sig=xyz=')
  })

  it('forgets a cookie the server expires', () => {
    const jar = jarFrom(server, 'sid=abc; other=1')
    jar.store(at, ['sid=; Max-Age=0', 'other=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT'])
    expect(jar.header(at)).toBeUndefined()
  })

  it('replaces a cookie the server sets again', () => {
    const jar = jarFrom(server, 'sid=old')
    jar.store(at, ['sid=new; Max-Age=1800'])
    expect(jar.header(at)).toBe('sid=new')
  })
})
