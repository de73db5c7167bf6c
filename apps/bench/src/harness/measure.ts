import { currentLoad } from '../environment'
import type { Sample } from '../results/sample'
import type { Variant } from '../variants'
import { drive } from './load'
import type { RedisCensus } from './redis-census'
import { commandDelta, type RedisCommandCounter } from './redis-stats'
import type { RouteName } from './routes'
import type { ServerHandle } from './server-process'

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

  const loadAverage = currentLoad()
  const redisBefore = await redis.snapshot()
  const before = await server.sample()
  const result = await drive(server.baseUrl, route, cookies, {
    ...load,
    durationSeconds: settings.durationSeconds,
  })
  const after = await server.sample()
  const redisAfter = await redis.snapshot()

  const requests = after.requests - before.requests
  if (requests <= 0) throw new Error(`[bench] ${variant.id} served no requests on ${route}`)
  const commands = commandDelta(redisBefore, redisAfter)
  const redisByCommand: Record<string, number> = {}
  let redisCalls = 0
  for (const [name, calls] of commands) {
    redisByCommand[name] = calls / requests
    redisCalls += calls
  }
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
    redisByCommand,
    census: context.census,
    rssBytes: after.rss,
    heapUsedBytes: after.heapUsed,
    loadAverage,
    window: { startMicros: before.monotonicMicros, endMicros: after.monotonicMicros, requests },
  }
}
