import { setTimeout as sleep } from 'node:timers/promises'
import { HttpClient } from '@fly-session/testkit/http'
import { recordCommands } from '@fly-session/testkit/redis'
import { Redis } from 'ioredis'
import type { Target } from './run-suite'
import { call } from './session-client'

/**
 * Calls of every command in `INFO commandstats` ("cmdstat_get:calls=12,usec=..."), except the
 * INFO the bench itself sends while measuring: that is never charged to a server.
 */
export function commandCalls(info: string): number {
  let calls = 0
  for (const [, name, count] of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm))
    if (name?.toLowerCase() !== 'info') calls += Number(count)
  return calls
}

/** How long Redis must run no command to count as quiet, and how long the bench waits for that, in ms. */
const QUIET_MS = 100
const QUIET_LIMIT_MS = 5_000

/** Reads the bench's Redis server's command counters: commands run so far (script-internal ones included), the bench's own left out. */
export function redisCounter(url: string) {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 })
  const calls = async () => commandCalls(await client.info('commandstats'))
  return {
    calls,
    /**
     * Resolves once Redis has run no command for `QUIET_MS`: a load generator that stops leaves
     * requests in flight on the server, whose commands must not count in the next window.
     */
    async quiet() {
      const deadline = Date.now() + QUIET_LIMIT_MS
      for (let last = await calls(); Date.now() < deadline; ) {
        await sleep(QUIET_MS)
        const now = await calls()
        if (now === last) return
        last = now
      }
      throw new Error(`[bench] Redis still ran commands ${QUIET_LIMIT_MS} ms after the load stopped`)
    },
    close: () => client.quit(),
  }
}

export type RedisCommandCounter = ReturnType<typeof redisCounter>

/** Requests observed per route: the session paths are deterministic, a few tens show them. */
const CENSUS_REQUESTS = 20

/**
 * Redis work per request, split by who issued it: the server's client (a network round trip
 * each) or a Lua script running inside Redis. `INFO commandstats` counts both alike, so a
 * delta commit done as one EVALSHA would otherwise look like five commands. Watches Redis with
 * MONITOR (outside the measured window: MONITOR slows Redis) while sending `CENSUS_REQUESTS`
 * requests to one route, one at a time, rotating through `cookies`.
 */
export async function redisCensus(redisUrl: string, { baseUrl, method, path, cookies }: Target) {
  // The cookie is sent as given: the client's jar plays no part.
  const client = new HttpClient(baseUrl)
  const seen = await recordCommands(
    redisUrl,
    async () => {
      for (let index = 0; index < CENSUS_REQUESTS; index++)
        await call(client, method, path, cookies[index % cookies.length])
    },
    { inScripts: true },
  )
  return censusOf(seen, CENSUS_REQUESTS)
}

/** What MONITOR saw over `requests` requests, per request: round trips, and calls per command name. */
export function censusOf(seen: ReadonlyArray<{ command: string; inScript?: true }>, requests: number) {
  // The recorder marks only what ran inside a script; everything else the server sent itself.
  const tally = (inScript: boolean) => {
    const counts: Record<string, number> = {}
    for (const { command } of seen.filter((entry) => (entry.inScript === true) === inScript))
      counts[command.toLowerCase()] = (counts[command.toLowerCase()] ?? 0) + 1 / requests
    return counts
  }
  return {
    /** Commands the server sent per request: its round trips to Redis. */
    roundTrips: seen.filter((command) => command.inScript !== true).length / requests,
    roundTripCommands: tally(false),
    /** Commands run inside scripts per request, per command name. */
    scriptCommands: tally(true),
  }
}

/** Round trips and script commands per request, from the census. */
export type RedisCensus = Awaited<ReturnType<typeof redisCensus>>

/** The census of a variant that does not use Redis. */
export const NO_REDIS: RedisCensus = { roundTrips: 0, roundTripCommands: {}, scriptCommands: {} }
