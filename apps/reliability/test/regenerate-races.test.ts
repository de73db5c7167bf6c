import { createSessionManager, type SessionManager } from '@fly-session/core'
import { bounded, driveRequest, type HeldCall, RecordingStore } from '@fly-session/core/testing'
import { RedisStore } from '@fly-session/store-redis'
import { type RedisServerHandle, startRedisServer } from '@fly-session/testkit/redis'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { report } from './support/report'
import { SECRETS } from './support/secrets'
import { cookieValueIn, idOf, storeKeyOf } from './support/wire'

/*
 * A request that loaded a session before it was killed (logout elsewhere, invalidateAll,
 * invalidateSession) and then calls regenerate() must not hand out a live session under a new
 * ID. Each interleaving is forced by holding one store call of the regenerate (or of the kill)
 * at a gate while the other side runs, on a real redis-server.
 */

/** Forced interleavings per kill path; each path runs at least this many. */
const PER_PATH = 210

let redis: RedisServerHandle
let client: Redis
let store: RecordingStore
let manager: SessionManager
let principalCounter = 0

beforeAll(async () => {
  redis = await startRedisServer()
  client = new Redis(redis.url)
  store = new RecordingStore(new RedisStore({ client }))
  manager = createSessionManager({ store, secret: SECRETS, touchInterval: 0 })
})

afterAll(async () => {
  await client?.quit()
  await redis?.stop()
})

const cookieOf = (setCookie: string | undefined) => `sid=${cookieValueIn(setCookie)}`

/** A signed-in session of a fresh principal: its cookie, store key and principal. */
async function signIn() {
  const principal = `user-${++principalCounter}`
  const { setCookie } = await driveRequest(manager, undefined, (s) => {
    s.set('cart' as never, ['book'] as never)
    s.principal = principal
  })
  const cookie = cookieOf(setCookie)
  return { principal, cookie, key: storeKeyOf(idOf(cookieValueIn(setCookie)!)) }
}

/** True when anything of the principal survives: a listed session, or the regenerated cookie loading one. */
async function survivors(principal: string, cookies: string[]): Promise<number> {
  let alive = (await manager.listSessions(principal)).length
  for (const cookie of cookies) {
    const { session } = await driveRequest(manager, cookie, (s) => s)
    if (!session.isNew) alive++
  }
  return alive
}

type Kill = (victim: { principal: string; cookie: string; handle: string }) => Promise<unknown>

const kills: Record<'logout' | 'invalidateAll' | 'invalidateSession', Kill> = {
  logout: ({ cookie }) => driveRequest(manager, cookie, (s) => s.invalidate()),
  invalidateAll: ({ principal }) => manager.invalidateAll(principal),
  invalidateSession: ({ handle, principal }) => manager.invalidateSession(handle, { principal }),
}

/**
 * One race: a regenerate whose commit is held at `point` (before it writes the new record, or
 * after that and before it destroys the old one) while the kill runs to the end. Returns how
 * many sessions of the principal are alive afterwards (must be 0).
 */
async function raceAtRegenerate(kill: Kill, point: 'before-write' | 'before-destroy'): Promise<number> {
  const victim = await signIn()
  const [listed] = await manager.listSessions(victim.principal)
  const lifecycle = manager.begin(victim.cookie)
  const session = await lifecycle.load()
  session.regenerate()
  session.set('cart' as never, ['book', 'pen'] as never)
  const held: HeldCall = point === 'before-write' ? store.hold('set') : store.hold('destroy', victim.key)
  const committing = lifecycle.commit()
  await held.reached
  await kill({ ...victim, handle: listed!.handle })
  held.release()
  await bounded(committing, 'the regenerate commit')
  return survivors(victim.principal, [cookieOf(lifecycle.setCookie()), victim.cookie])
}

/** invalidateAll holds after its first listing (at its destroy of the old record) while a regenerate runs to the end. */
async function raceInsideInvalidateAll(): Promise<number> {
  const victim = await signIn()
  const held = store.hold('destroy', victim.key)
  const killing = manager.invalidateAll(victim.principal)
  await held.reached
  const { setCookie } = await driveRequest(manager, victim.cookie, (s) => s.regenerate())
  held.release()
  await bounded(killing, 'invalidateAll')
  return survivors(victim.principal, [cookieOf(setCookie), victim.cookie])
}

/** A handle listed before a regenerate, used after it: the session it named lives on under a new key and must die. */
async function staleHandleAfterRegenerate(): Promise<number> {
  const victim = await signIn()
  const [listed] = await manager.listSessions(victim.principal)
  const { setCookie } = await driveRequest(manager, victim.cookie, (s) => s.regenerate())
  await manager.invalidateSession(listed!.handle, { principal: victim.principal })
  return survivors(victim.principal, [cookieOf(setCookie)])
}

describe('regenerate racing every way of killing a session (real Redis, forced interleavings)', () => {
  const figures: Record<string, { tried: number; resurrected: number }> = {}
  afterAll(() => report('regenerate-races', figures))

  async function run(path: string, scenarios: Array<() => Promise<number>>): Promise<void> {
    const rounds = Math.ceil(PER_PATH / scenarios.length)
    const tally = { tried: 0, resurrected: 0 }
    const deadline = Date.now() + 60_000
    for (let round = 0; round < rounds && Date.now() < deadline; round++) {
      for (const scenario of scenarios) {
        tally.tried++
        if ((await scenario()) > 0) tally.resurrected++
      }
    }
    figures[path] = tally
    expect(tally.tried).toBeGreaterThanOrEqual(PER_PATH)
    expect(tally.resurrected).toBe(0)
  }

  it('a logout elsewhere while regenerate is between its steps leaves nothing alive', async () => {
    await run('logout', [
      () => raceAtRegenerate(kills.logout, 'before-write'),
      () => raceAtRegenerate(kills.logout, 'before-destroy'),
    ])
  }, 120_000)

  it('invalidateAll at any point of a regenerate, or a regenerate inside invalidateAll, leaves nothing alive', async () => {
    await run('invalidateAll', [
      () => raceAtRegenerate(kills.invalidateAll, 'before-write'),
      () => raceAtRegenerate(kills.invalidateAll, 'before-destroy'),
      raceInsideInvalidateAll,
    ])
  }, 120_000)

  it('invalidateSession at any point of a regenerate, or with a handle listed before it, leaves nothing alive', async () => {
    await run('invalidateSession', [
      () => raceAtRegenerate(kills.invalidateSession, 'before-write'),
      () => raceAtRegenerate(kills.invalidateSession, 'before-destroy'),
      staleHandleAfterRegenerate,
    ])
  }, 120_000)
})
