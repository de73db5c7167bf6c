import type { RedisCensus } from '../harness/redis-census'
import type { RouteName } from '../harness/routes'

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
  /**
   * Redis commands over the window per request served (INFO commandstats, so commands run inside
   * scripts count too), and the same per command name.
   */
  redisPerRequest: number
  redisByCommand: Record<string, number>
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
