import { expect, it } from 'vitest'

import type { OpenHarness } from '../suite'
import { body, FRESH, SID, sessionCookies } from './expect-helpers'

/** Cookie headers a client may send that name no session the server issued. */
function hostileCookieHeaders(valid: string): Record<string, string> {
  const dot = valid.lastIndexOf('.')
  const id = valid.slice(0, dot)
  const signature = valid.slice(dot + 1)
  const flipped = signature[0] === 'A' ? `B${signature.slice(1)}` : `A${signature.slice(1)}`
  return {
    'an unsigned ID': `${SID}=${id}`,
    'a forged signature': `${SID}=${id}.${'A'.repeat(signature.length)}`,
    'a tampered signature': `${SID}=${id}.${flipped}`,
    'a made-up value': `${SID}=forged`,
    'an empty value': `${SID}=`,
    'an oversized value': `${SID}=${'x'.repeat(4000)}`,
    'bad percent-encoding': `${SID}=%E0%A4%A; other=1`,
    'an unterminated quote': `${SID}="${id}`,
    'stray separators': `;;${SID}==;=;`,
    'the valid cookie twice': `${SID}=${valid}; ${SID}=${valid}`,
    'the valid cookie and a forged one': `${SID}=${valid}; ${SID}=forged`,
  }
}

/** Forged, malformed and duplicated session cookies: a fresh session, never an error. */
export function hostileInputScenarios(open: OpenHarness): void {
  it('gives a fresh session, not an error, for forged, malformed and duplicated cookies', async () => {
    const { client, browser: owner } = await open()
    await owner.get('/write?secret=1')
    const valid = owner.cookie(SID)!
    // The genuine cookie, sent the same way, does find the session: the cases below are refused, not lost.
    expect(body(await client().get('/read', { cookie: `${SID}=${valid}` })).attributes).toEqual({
      secret: '1',
    })
    for (const [label, header] of Object.entries(hostileCookieHeaders(valid))) {
      const response = await client().get('/read', { cookie: header })
      expect(response.status, label).toBe(200)
      expect(body(response), label).toEqual(FRESH)
      expect(sessionCookies(response), label).toEqual([])
    }
  })

  it('never adopts an ID it did not issue: a write with a forged cookie gets a new ID', async () => {
    const { client, browser: owner } = await open()
    await owner.get('/write?secret=1')
    const valid = owner.cookie(SID)!
    const id = valid.slice(0, valid.lastIndexOf('.'))
    const attacker = client()
    const response = await attacker.get('/write?mine=1', { cookie: `${SID}=${id}.${'A'.repeat(43)}` })
    expect(response.status).toBe(200)
    expect(body(response)).toEqual({ isNew: true, principal: null, attributes: { mine: '1' } })
    expect(attacker.cookie(SID)?.startsWith(`${id}.`)).toBe(false)
    expect(body(await owner.get('/read')).attributes).toEqual({ secret: '1' })
  })
}
