import { loadavg } from 'node:os'
import type { Variant } from '../variants'
import { drive, type RouteName } from './load'
import type { RedisCensus, RedisCommandCounter } from './redis'
import type { ServerHandle } from './server-process'

/** One measured window: one variant, one route, one repetition. */
export interface Sample {
  variantId: string
  route: RouteName
  /** 0-based repetition (pass) index. */
  repetition: number
  requestsPerSecond: number
  p99Ms: number
  /** Server CPU time (user + system) over the window divided by the requests it served. */
  cpuMicrosPerRequest: number
  /** Redis commands over the window per request served (INFO commandstats: commands run inside scripts count too). */
  redisPerRequest: number
  /** Round trips to Redis per request, and what ran inside scripts, from a MONITOR census (zero without Redis). */
  census: RedisCensus
  /** Server memory at the end of the window, bytes. */
  rssBytes: number
  heapUsedBytes: number
  /** The machine's 1-minute load average as the window began: other work on the machine shows here. */
  loadAverage: number
  /** The window on the server's monotonic clock (microseconds), to cut a CPU profile to it. */
  window: { startMicros: number; endMicros: number; requests: number }
}

/** How long and how hard to drive one route. */
export interface WindowSettings {
  warmupSeconds: number
  durationSeconds: number
  connections: number
}

/**
 * Measures one route of a running server: an unmeasured warm-up, then a window bracketed by
 * the server's own CPU/request counters and Redis's command counters, so each figure covers
 * exactly the requests of that window.
 */
export async function measureRoute(
  variant: Variant,
  route: RouteName,
  context: {
    server: ServerHandle
    cookies: string[]
    redis: RedisCommandCounter
    repetition: number
    census: RedisCensus
  },
  settings: WindowSettings,
): Promise<Sample> {
  const { server, cookies, redis } = context
  const load = { connections: settings.connections }
  await drive(server.baseUrl, route, cookies, { ...load, durationSeconds: settings.warmupSeconds })

  const loadAverage = loadavg()[0] ?? 0
  const redisBefore = await redis.calls()
  const before = await server.sample()
  const result = await drive(server.baseUrl, route, cookies, {
    ...load,
    durationSeconds: settings.durationSeconds,
  })
  const after = await server.sample()
  const redisAfter = await redis.calls()

  const requests = after.requests - before.requests
  if (requests <= 0) throw new Error(`[bench] ${variant.id} served no requests on ${route}`)
  const redisCalls = redisAfter - redisBefore
  const redisPerRequest = redisCalls / requests
  // A Redis variant that sends Redis nothing (or a memory one that does) is not what it claims.
  const consistent = variant.usesRedis ? redisPerRequest >= 0.5 : redisCalls === 0
  if (!consistent) {
    throw new Error(
      `[bench] ${variant.id} ${route}: ${redisPerRequest.toFixed(2)} Redis commands per request, ` +
        `which contradicts its store (${variant.storage})`,
    )
  }
  return {
    variantId: variant.id,
    route,
    repetition: context.repetition,
    requestsPerSecond: result.requestsPerSecond,
    p99Ms: result.p99Ms,
    cpuMicrosPerRequest: (after.cpuMicros - before.cpuMicros) / requests,
    redisPerRequest,
    census: context.census,
    rssBytes: after.rss,
    heapUsedBytes: after.heapUsed,
    loadAverage,
    window: { startMicros: before.monotonicMicros, endMicros: after.monotonicMicros, requests },
  }
}
