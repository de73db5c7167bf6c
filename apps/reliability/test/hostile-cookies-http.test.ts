import { MemoryStore } from '@fly-session/store-memory'
import { HttpClient, type Listening, listen } from '@fly-session/testkit/http'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { amongOthers, duplicatedSessionCookie, garbageCookieHeader } from './support/cookie-arbitraries'
import { fuzzRuns } from './support/fuzz-runs'
import { prototypeChanges, prototypeFingerprint } from './support/prototype-guard'
import { type RawResponse, rawGet } from './support/raw-http'
import { report } from './support/report'
import { OLD_SECRET, SECRETS } from './support/secrets'
import { sessionApp } from './support/session-app'
import { tally } from './support/tally'
import { idOf, signedCookieValue } from './support/wire'

// Hostile Cookie headers over a real socket to Express + @fly-session/express: whatever the
// bytes, the answer is never a 5xx, and a garbage cookie never reaches anyone's session.

const prototypesBefore = prototypeFingerprint()
const store = new MemoryStore()
let server: Listening
let victimCookie = ''
/** Every case run: the property it belongs to and the status it was answered with. */
const cases: Array<{ property: string; status: number }> = []

function counted(property: string, response: RawResponse): void {
  cases.push({ property, status: response.status })
}

const latin1 = (text: string) => Buffer.from(text, 'latin1')
const utf8 = (text: string) => Buffer.from(text, 'utf8')

const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 2_048, size: 'max' }),
  fc.uint8Array({ minLength: 15_000, maxLength: 40_000 }),
)

/** Any bytes at all: control characters, CR/LF, NUL, invalid UTF-8, up to past Node's header limit. */
const anyBytes = bytes.map((b) => Buffer.from(b))

/** Bytes Node's parser lets through to the app (tab, visible ASCII, 0x80-0xFF), so they reach core. */
const headerLegalBytes = bytes.map((b) =>
  Buffer.from(b.map((byte) => ((byte < 0x20 && byte !== 9) || byte === 0x7f ? 0x3d : byte))),
)

function bodyOf(response: RawResponse): { isNew: boolean; attributes: Record<string, unknown> } {
  return JSON.parse(response.body)
}

beforeAll(async () => {
  server = await listen(sessionApp({ store, secret: SECRETS }).app)
  const created = await new HttpClient(server.url).request('/set?name=user&value=alice', { method: 'POST' })
  victimCookie = created.cookie('sid')!.value
})

afterAll(async () => {
  const properties = [...new Set(cases.map((c) => c.property))]
  const byStatus = properties.map((p) => [
    p,
    tally(
      cases.filter((c) => c.property === p),
      (c) => c.status,
    ),
  ])
  report('hostile-cookies-http', { casesRunByStatus: Object.fromEntries(byStatus), total: cases.length })
  await server?.close()
  await store.dispose()
})

describe('hostile Cookie headers over HTTP', () => {
  it('never answers 5xx, whatever bytes the Cookie header carries', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(anyBytes, headerLegalBytes), { minLength: 1, maxLength: 3 }),
        async (lines) => {
          const response = await rawGet(server.port, '/session', lines)
          counted('anyBytes', response)
          expect(response.status).toBeGreaterThanOrEqual(200)
          expect(response.status).toBeLessThan(500)
          if (response.status === 200) expect(bodyOf(response)).toEqual({ isNew: true, attributes: {} })
        },
      ),
      fuzzRuns(1500),
    )
  })

  it('gives a fresh session, and no cookie, for any garbage or forged session cookie', async () => {
    await fc.assert(
      fc.asyncProperty(garbageCookieHeader('sid'), async (header) => {
        const response = await rawGet(server.port, '/session', [utf8(header)])
        counted('garbage', response)
        expect(response.status).toBeLessThan(500)
        if (response.status !== 200) return
        expect(bodyOf(response)).toEqual({ isNew: true, attributes: {} })
        expect(response.head.toLowerCase()).not.toContain('set-cookie')
      }),
      fuzzRuns(1500),
    )
  })

  it('finds the right session among other cookies, across several Cookie lines and with a retired secret', async () => {
    const retired = signedCookieValue(idOf(victimCookie), OLD_SECRET)
    const lines = fc
      .tuple(
        fc.constantFrom(`sid=${victimCookie}`, `sid=${retired}`).chain((pair) => amongOthers('sid', pair)),
        fc.boolean(),
      )
      .map(([header, split]) => {
        if (!split) return [latin1(header)]
        // The same pairs over two Cookie lines, which Node joins with '; '.
        const pairs = header.split('; ')
        const half = Math.ceil(pairs.length / 2)
        return [pairs.slice(0, half), pairs.slice(half)]
          .filter((p) => p.length > 0)
          .map((p) => latin1(p.join('; ')))
      })
    await fc.assert(
      fc.asyncProperty(lines, async (cookieLines) => {
        const response = await rawGet(server.port, '/session', cookieLines)
        counted('rightSession', response)
        expect(response.status).toBe(200)
        expect(bodyOf(response)).toEqual({ isNew: false, attributes: { user: 'alice' } })
      }),
      fuzzRuns(900),
    )
  })

  it('refuses the session cookie when it arrives more than once, on one line or several', async () => {
    const retired = signedCookieValue(idOf(victimCookie), OLD_SECRET)
    await fc.assert(
      fc.asyncProperty(
        duplicatedSessionCookie('sid', [victimCookie, retired]),
        fc.boolean(),
        async (header, split) => {
          const cookieLines = split ? header.split('; ').map(latin1) : [latin1(header)]
          const response = await rawGet(server.port, '/session', cookieLines)
          counted('duplicates', response)
          expect(response.status).toBe(200)
          expect(bodyOf(response)).toEqual({ isNew: true, attributes: {} })
        },
      ),
      fuzzRuns(600),
    )
  })

  it('leaves the victim session intact, the store unpolluted and the built-in prototypes untouched', async () => {
    const response = await rawGet(server.port, '/session', [latin1(`sid=${victimCookie}`)])
    expect(bodyOf(response)).toEqual({ isNew: false, attributes: { user: 'alice' } })
    expect(store.size).toBe(1)
    expect(prototypeChanges(prototypesBefore, prototypeFingerprint())).toEqual([])
  })
})
