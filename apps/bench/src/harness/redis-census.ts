import { setTimeout as sleep } from 'node:timers/promises'
import { Redis } from 'ioredis'
import type { RouteName } from './routes'
import { sendRoute } from './session-client'

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

/** Requests observed per route: the session paths are deterministic, a few tens show them. */
const CENSUS_REQUESTS = 20
/** MONITOR lines trail the responses a little; wait for this much quiet. */
const QUIET_MS = 100
const QUIET_LIMIT_MS = 2_000

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
  const client = new Redis(redisUrl, { lazyConnect: true })
  const monitor = await client.monitor()
  const issued: Record<string, number> = {}
  const scripted: Record<string, number> = {}
  let lastLine = Date.now()
  monitor.on('monitor', (_time: string, args: string[], source: string) => {
    lastLine = Date.now()
    const name = (args[0] ?? '').toLowerCase()
    const tally = source === 'lua' ? scripted : issued
    tally[name] = (tally[name] ?? 0) + 1
  })
  try {
    for (let index = 0; index < CENSUS_REQUESTS; index++) {
      await sendRoute(baseUrl, route, cookies[index % cookies.length] ?? '')
    }
    const deadline = Date.now() + QUIET_LIMIT_MS
    while (Date.now() - lastLine < QUIET_MS && Date.now() < deadline) await sleep(QUIET_MS / 4)
  } finally {
    monitor.disconnect()
    client.disconnect()
  }
  const perRequest = (tally: Record<string, number>) =>
    Object.fromEntries(Object.entries(tally).map(([name, count]) => [name, count / CENSUS_REQUESTS]))
  const roundTripCommands = perRequest(issued)
  return {
    roundTrips: Object.values(roundTripCommands).reduce((sum, calls) => sum + calls, 0),
    roundTripCommands,
    scriptCommands: perRequest(scripted),
  }
}
