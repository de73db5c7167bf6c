import { recordCommands } from '@fly-session/testkit/redis'
import { Redis } from 'ioredis'
import type { RouteName } from './run-suite'
import { sendRoute } from './session-client'

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

/** Reads the bench's Redis server's command counters. */
export class RedisCommandCounter {
  readonly #client: Redis

  constructor(url: string) {
    this.#client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 })
  }

  /** Commands run so far (script-internal ones included), the bench's own left out. */
  async calls(): Promise<number> {
    return commandCalls(await this.#client.info('commandstats'))
  }

  async close(): Promise<void> {
    await this.#client.quit()
  }
}

/**
 * Redis work per request, split by who issued it: the server's client (a network round trip
 * each) or a Lua script running inside Redis. `INFO commandstats` counts both alike, so a
 * delta commit done as one EVALSHA would otherwise look like five commands.
 */
export interface RedisCensus {
  /** Commands the server sent per request: its round trips to Redis. */
  roundTrips: number
  /** The same, per command name. */
  roundTripCommands: Record<string, number>
  /** Commands run inside scripts per request, per command name. */
  scriptCommands: Record<string, number>
}

/** The census of a variant that does not use Redis. */
export const NO_REDIS: RedisCensus = { roundTrips: 0, roundTripCommands: {}, scriptCommands: {} }

/** Requests observed per route: the session paths are deterministic, a few tens show them. */
const CENSUS_REQUESTS = 20

/**
 * Watches Redis with MONITOR (outside the measured window: MONITOR slows Redis) while sending
 * `CENSUS_REQUESTS` requests to one route, one at a time, rotating through `cookies`.
 */
export async function redisCensus(
  redisUrl: string,
  baseUrl: string,
  route: RouteName,
  cookies: readonly string[],
): Promise<RedisCensus> {
  const seen = await recordCommands(
    redisUrl,
    async () => {
      for (let index = 0; index < CENSUS_REQUESTS; index++)
        await sendRoute(baseUrl, route, cookies[index % cookies.length] ?? '')
    },
    { inScripts: true },
  )
  const roundTripCommands: Record<string, number> = {}
  const scriptCommands: Record<string, number> = {}
  for (const { command, inScript } of seen) {
    const tally = inScript ? scriptCommands : roundTripCommands
    const name = command.toLowerCase()
    tally[name] = (tally[name] ?? 0) + 1 / CENSUS_REQUESTS
  }
  const roundTrips = seen.filter((command) => !command.inScript).length / CENSUS_REQUESTS
  return { roundTrips, roundTripCommands, scriptCommands }
}
