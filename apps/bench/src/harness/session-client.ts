import { randomBytes } from 'node:crypto'
import { CookieJar } from '@fly-session/testkit/http'

import { ROUTES } from '../servers/contract'
import { type RouteName, requestLine } from './routes'

/** A session created on a server before measuring: what was written, and the cookie that names it. */
export interface SeededSession {
  token: string
  cookie: string
}

const REQUEST_TIMEOUT_MS = 5_000

async function call(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  jar: CookieJar,
): Promise<Record<string, unknown>> {
  const url = new URL(baseUrl + path)
  const cookie = jar.header(url)
  const response = await fetch(url, {
    method,
    headers: cookie ? { cookie } : {},
    redirect: 'manual',
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  })
  const text = await response.text()
  if (response.status !== 200)
    throw new Error(`[bench] ${method} ${path} answered ${response.status}: ${text}`)
  jar.store(url, response.headers.getSetCookie())
  return JSON.parse(text) as Record<string, unknown>
}

/** A jar holding the cookies of a `Cookie` request header, as if `baseUrl` had set them. */
export function jarFrom(baseUrl: string, cookieHeader: string): CookieJar {
  const jar = new CookieJar()
  jar.store(new URL(baseUrl), cookieHeader.split('; '))
  return jar
}

function expectEqual(what: string, actual: unknown, expected: unknown): void {
  if (actual !== expected) {
    throw new Error(`[bench] ${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
  }
}

/** Creates `count` sessions, each holding its own random token, and returns their cookies. */
export async function seedSessions(baseUrl: string, count: number): Promise<SeededSession[]> {
  const seeded: SeededSession[] = []
  for (let index = 0; index < count; index++) {
    const token = randomBytes(9).toString('base64url')
    const jar = new CookieJar()
    await call(baseUrl, 'POST', `${ROUTES.seed}?token=${token}`, jar)
    const cookie = jar.header(new URL(baseUrl))
    if (cookie === undefined) throw new Error('[bench] the seed route set no session cookie')
    seeded.push({ token, cookie })
  }
  return seeded
}

/**
 * Proves the server really uses its sessions, so a broken variant cannot look fast: every seeded
 * cookie reads back its own token, a request without a cookie reads nothing, and two increments
 * on one session count 1 then 2 and leave the token in place.
 */
export async function verifySessions(baseUrl: string, seeded: SeededSession[]): Promise<void> {
  for (const { token, cookie } of seeded) {
    const jar = jarFrom(baseUrl, cookie)
    expectEqual('read with a seeded cookie', (await call(baseUrl, 'GET', ROUTES.read, jar)).user, token)
  }
  expectEqual('read without a cookie', (await call(baseUrl, 'GET', ROUTES.read, new CookieJar())).user, null)
  const first = seeded[0]
  if (first === undefined) throw new Error('[bench] no seeded session to verify')
  const jar = jarFrom(baseUrl, first.cookie)
  expectEqual('first increment', (await call(baseUrl, 'POST', ROUTES.increment, jar)).counter, 1)
  expectEqual('second increment', (await call(baseUrl, 'POST', ROUTES.increment, jar)).counter, 2)
  expectEqual('read after increments', (await call(baseUrl, 'GET', ROUTES.read, jar)).user, first.token)
}

/** For a raw server: both measured routes answer 200 with JSON, and there is no session to find. */
export async function verifyRaw(baseUrl: string): Promise<void> {
  expectEqual('raw read', (await call(baseUrl, 'GET', ROUTES.read, new CookieJar())).user, null)
  await call(baseUrl, 'POST', ROUTES.increment, new CookieJar())
}

/** One request to a measured route with a fixed cookie, as the load generator sends it. */
export async function sendRoute(baseUrl: string, route: RouteName, cookie: string): Promise<void> {
  const { method, path } = requestLine(route)
  await call(baseUrl, method, path, jarFrom(baseUrl, cookie))
}
