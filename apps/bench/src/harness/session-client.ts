import { randomBytes } from 'node:crypto'
import { HttpClient } from '@fly-session/testkit/http'
import { ROUTES } from '../servers/contract'

/** A session created on a server before measuring: what was written, and the cookie that names it. */
export interface SeededSession {
  token: string
  cookie: string
}

/** A client whose jar holds the cookies of a `Cookie` request header, as if the server had set them. */
export function clientWith(baseUrl: string, cookieHeader = ''): HttpClient {
  const client = new HttpClient(baseUrl)
  if (cookieHeader) client.jar.store(new URL(baseUrl), cookieHeader.split('; '))
  return client
}

/** One 200 JSON answer, or an error naming the request. */
export async function call(client: HttpClient, method: 'GET' | 'POST', path: string) {
  const response = await client.request(path, { method })
  if (response.status !== 200)
    throw new Error(`[bench] ${method} ${path} answered ${response.status}: ${response.text}`)
  return response.json<Record<string, unknown>>()
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
    const client = clientWith(baseUrl)
    await call(client, 'POST', `${ROUTES.seed}?token=${token}`)
    const cookie = client.jar.header(new URL(baseUrl))
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
  const read = async (cookie?: string) => (await call(clientWith(baseUrl, cookie), 'GET', ROUTES.read)).user
  for (const { token, cookie } of seeded) expectEqual('read with a seeded cookie', await read(cookie), token)
  expectEqual('read without a cookie', await read(), null)
  const first = seeded[0]
  if (first === undefined) throw new Error('[bench] no seeded session to verify')
  const client = clientWith(baseUrl, first.cookie)
  expectEqual('first increment', (await call(client, 'POST', ROUTES.increment)).counter, 1)
  expectEqual('second increment', (await call(client, 'POST', ROUTES.increment)).counter, 2)
  expectEqual('read after increments', (await call(client, 'GET', ROUTES.read)).user, first.token)
}

/** For a raw server: both measured routes answer 200 with JSON, and there is no session to find. */
export async function verifyRaw(baseUrl: string): Promise<void> {
  expectEqual('raw read', (await call(clientWith(baseUrl), 'GET', ROUTES.read)).user, null)
  await call(clientWith(baseUrl), 'POST', ROUTES.increment)
}
