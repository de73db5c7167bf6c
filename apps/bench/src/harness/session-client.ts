import { randomBytes } from 'node:crypto'
import { HttpClient } from '@fly-session/testkit/http'
import { ROUTES } from '../servers/contract'

/**
 * One 200 JSON answer, or an error naming the request. `cookie`: a Cookie header to send instead
 * of the client's jar.
 */
export async function call(client: HttpClient, method: 'GET' | 'POST', path: string, cookie?: string) {
  const response = await client.request(path, { method, cookie })
  if (response.status !== 200)
    throw new Error(`[bench] ${method} ${path} answered ${response.status}: ${response.text}`)
  return response.json<Record<string, unknown>>()
}

function expectEqual(what: string, actual: unknown, expected: unknown): void {
  if (actual !== expected) {
    throw new Error(`[bench] ${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
  }
}

/**
 * Creates `count` sessions, each holding its own random token: their cookies, and the clients
 * that created them (their jars hold the cookie).
 */
export async function seedSessions(baseUrl: string, count: number) {
  const seeded = []
  for (let index = 0; index < count; index++) {
    const token = randomBytes(9).toString('base64url')
    const client = new HttpClient(baseUrl)
    await call(client, 'POST', `${ROUTES.seed}?token=${token}`)
    const cookie = client.jar.header(new URL(baseUrl))
    if (cookie === undefined) throw new Error('[bench] the seed route set no session cookie')
    seeded.push({ token, cookie, client })
  }
  return seeded
}

/** A session created on a server before measuring: what was written, and the cookie that names it. */
export type SeededSession = Awaited<ReturnType<typeof seedSessions>>[number]

/**
 * Proves the server really uses its sessions, so a broken variant cannot look fast: every seeded
 * cookie reads back its own token, a request without a cookie reads nothing, and two increments
 * on one session count 1 then 2 and leave the token in place.
 */
export async function verifySessions(baseUrl: string, seeded: SeededSession[]): Promise<void> {
  const read = async (cookie?: string) =>
    (await call(new HttpClient(baseUrl), 'GET', ROUTES.read, cookie)).user
  for (const { token, cookie } of seeded) expectEqual('read with a seeded cookie', await read(cookie), token)
  expectEqual('read without a cookie', await read(), null)
  // The bench seeds several sessions; the first one's own client carries on with it.
  const { client, token } = seeded[0]!
  expectEqual('first increment', (await call(client, 'POST', ROUTES.increment)).counter, 1)
  expectEqual('second increment', (await call(client, 'POST', ROUTES.increment)).counter, 2)
  expectEqual('read after increments', (await call(client, 'GET', ROUTES.read)).user, token)
}

/** For a raw server: both measured routes answer 200 with JSON, and there is no session to find. */
export async function verifyRaw(baseUrl: string): Promise<void> {
  expectEqual('raw read', (await call(new HttpClient(baseUrl), 'GET', ROUTES.read)).user, null)
  await call(new HttpClient(baseUrl), 'POST', ROUTES.increment)
}
