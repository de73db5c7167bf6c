import { setTimeout as sleep } from 'node:timers/promises'

import { RedisStore } from '@fly-session/store-redis'
import { HttpClient, type Listening, listen } from '@fly-session/testkit/http'
import { type RedisServerHandle, startRedisServer } from '@fly-session/testkit/redis'
import type { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { failFastRedis } from './support/fail-fast-redis'
import { report } from './support/report'
import { SECRETS } from './support/secrets'
import { type SessionBody, sessionApp } from './support/session-app'
import { type Outcome, type Sample, startLoad } from './support/steady-load'
import { tally } from './support/tally'
import {
  keepsAcknowledged,
  outcomeOf,
  readAs,
  type TrackedUser,
  trackedUser,
  writeAs,
} from './support/tracked-users'
import { watchUnhandledRejections } from './support/unhandled'

// Redis goes away under steady load through @fly-session/express + RedisStore, then returns.

/** RedisStore's per-call limit, in seconds: the bound on how long an outage request may take. */
const STORE_TIMEOUT_S = 1
/** Slack on top of it for a busy 2-core machine, in milliseconds. */
const SLACK_MS = 1_000
const OUTAGE_MS = 3_000
/** After Redis is back, requests must succeed again within this many milliseconds. */
const RECOVERY_BOUND_MS = 2_000
const SESSIONS = 24
const WORKERS = 8

type Kind = 'read' | 'write' | 'create' | 'anonymous'
const KINDS: Kind[] = ['read', 'write', 'create', 'anonymous']
/** Kinds whose answer needs the store (a cookie-less read never touches it). */
const STORE_KINDS = new Set<Kind>(['read', 'write', 'create'])

interface Fault {
  name: string
  begin(redis: RedisServerHandle): Promise<void>
  end(redis: RedisServerHandle): Promise<void>
}

const faults: Fault[] = [
  { name: 'stopped (connections closed)', begin: (r) => r.stop(), end: (r) => r.start() },
  {
    name: 'frozen by SIGSTOP (connections open, nothing answers)',
    begin: async (r) => r.pause(),
    end: async (r) => r.resume(),
  },
]

describe.each(faults)('a store outage: redis-server $name', (fault) => {
  let redis: RedisServerHandle
  let client: Redis
  let server: Listening
  let http: HttpClient
  const users: TrackedUser[] = []

  beforeAll(async () => {
    redis = await startRedisServer({ appendonly: true })
    client = await failFastRedis(redis.url)
    const store = new RedisStore({ client, commandTimeout: STORE_TIMEOUT_S })
    server = await listen(sessionApp({ store, secret: SECRETS }).app)
    http = new HttpClient(server.url)
    for (let index = 0; index < SESSIONS; index++) users.push(await trackedUser(http, `user-${index}`))
  })

  afterAll(async () => {
    await server?.close()
    client?.disconnect()
    await redis?.stop()
  })

  async function send(worker: number, sequence: number): Promise<Outcome<Kind>> {
    const kind = KINDS[sequence % KINDS.length]!
    const mine = users.filter((_, index) => index % WORKERS === worker)
    const user = mine[Math.floor(sequence / KINDS.length) % mine.length]!
    if (kind === 'read') return outcomeOf(kind, await readAs(http, user))
    if (kind === 'write') return outcomeOf(kind, await writeAs(http, user, sequence))
    const anonymous = { cookie: '' }
    if (kind === 'create')
      return outcomeOf(
        kind,
        await http.request('/set?name=user&value=newcomer', { method: 'POST', ...anonymous }),
      )
    return outcomeOf(kind, await http.get('/anonymous', anonymous))
  }

  it('answers 503 within the store timeout during the outage, issues no session, loses nothing, and recovers within 2 s', async () => {
    const unhandled = watchUnhandledRejections()
    const load = startLoad<Kind>({
      workers: WORKERS,
      intervalMs: 40,
      maxRequests: 6_000,
      maxDurationMs: 30_000,
      clientLimitMs: 10_000,
      send,
      kindOf: (_, sequence) => KINDS[sequence % KINDS.length]!,
    })
    await sleep(1_000)
    const faultAt = Date.now()
    await fault.begin(redis)
    const downAt = Date.now()
    await sleep(OUTAGE_MS)
    const restoreAt = Date.now()
    await fault.end(redis)
    const backAt = Date.now()
    await sleep(RECOVERY_BOUND_MS + 1_500)
    const samples = await load.stop()
    await sleep(100)
    unhandled.stop()

    const needsStore = (s: Sample<Kind>) => STORE_KINDS.has(s.kind)
    const before = samples.filter((s) => s.endedAt < faultAt)
    const during = samples.filter((s) => s.startedAt >= downAt && s.endedAt <= restoreAt)
    const after = samples.filter((s) => needsStore(s) && s.startedAt >= backAt)
    const lastFailure = Math.max(backAt, ...after.filter((s) => s.status !== 200).map((s) => s.endedAt))
    const recoveryMs = lastFailure - backAt

    // Every request got an answer: none hung, none broke the connection.
    expect(samples.filter((s) => s.status !== 200 && s.status !== 503)).toEqual([])
    expect(samples.filter((s) => s.status === 503 && s.sessionCookie)).toEqual([])
    expect(before.filter(needsStore).every((s) => s.status === 200)).toBe(true)

    const duringStore = during.filter(needsStore)
    expect(duringStore.length).toBeGreaterThan(20)
    for (const sample of duringStore) {
      expect(sample).toMatchObject({ status: 503, code: 'STORE_UNAVAILABLE', sessionCookie: false })
      expect(sample.endedAt - sample.startedAt).toBeLessThanOrEqual(STORE_TIMEOUT_S * 1_000 + SLACK_MS)
    }
    expect(during.filter((s) => s.kind === 'anonymous').every((s) => s.status === 200)).toBe(true)
    expect(users.map((user) => user.wrongReads)).toEqual(users.map(() => 0))

    const settled = after.filter((s) => s.startedAt >= backAt + RECOVERY_BOUND_MS)
    expect(settled.length).toBeGreaterThan(20)
    expect(settled.every((s) => s.status === 200)).toBe(true)
    expect(recoveryMs).toBeLessThanOrEqual(RECOVERY_BOUND_MS)

    // Every session written before the outage is whole, with every acknowledged write.
    for (const user of users) {
      const response = await http.get('/session', { cookie: user.cookie })
      expect(response.status).toBe(200)
      const body = response.json<SessionBody>()
      expect(body).toMatchObject({ isNew: false, attributes: { user: user.name } })
      expect(keepsAcknowledged(user, body)).toBe(true)
    }
    const acknowledgedWrites = users.filter((user) => user.acknowledged !== undefined).length
    expect((await http.get('/anonymous')).status).toBe(200)
    expect(unhandled.seen).toEqual([])

    const byKindAndStatus = (list: Sample<Kind>[]) =>
      Object.fromEntries(
        KINDS.map((kind) => [
          kind,
          tally(
            list.filter((s) => s.kind === kind),
            (s) => s.status,
          ),
        ]),
      )
    report('store-outage', {
      fault: fault.name,
      sent: samples.length,
      outageMs: restoreAt - downAt,
      duringOutage: during.length,
      duringOutageByKindAndStatus: byKindAndStatus(during),
      slowestOutageAnswerMs: Math.max(...duringStore.map((s) => s.endedAt - s.startedAt)),
      transitional503: samples.filter((s) => s.status === 503 && !during.includes(s)).length,
      recoveryMs,
      sessionsVerified: users.length,
      acknowledgedWritesVerified: acknowledgedWrites,
      unhandledRejections: unhandled.seen.length,
    })
  })
})
