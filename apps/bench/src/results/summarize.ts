import type { RouteName } from '../harness/load'
import type { Sample } from '../harness/measure'
import { rawVariantOf, type Variant } from '../variants'

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('[bench] median of no values')
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Relative spread of a list, (max - min) / median: how much the repetitions disagree. */
export function spread(values: readonly number[]): number {
  const mid = median(values)
  return mid === 0 ? 0 : (Math.max(...values) - Math.min(...values)) / mid
}

/** One line of the results table: one variant on one route, over all repetitions. */
export interface Row {
  variant: Variant
  route: RouteName
  repetitions: number
  requestsPerSecond: number
  /** (max - min) / median of req/s across repetitions. */
  requestsSpread: number
  p99Ms: number
  cpuMicrosPerRequest: number
  /** Median over repetitions of (this req/s / the raw server's req/s in the same repetition). */
  ratioToRaw: number
  /** Median over repetitions of (this CPU/req - the raw server's CPU/req in the same repetition). */
  extraCpuMicros: number
  /** Redis commands per request over the window, script-internal ones included. */
  redisPerRequest: number
  /** Round trips to Redis per request (commands the server sent), in total and per command. */
  redisRoundTrips: number
  roundTripCommands: Record<string, number>
  /** Commands run inside Lua scripts per request, per command. */
  scriptCommands: Record<string, number>
  rssBytes: number
  heapUsedBytes: number
}

function medianOf(samples: readonly Sample[], pick: (sample: Sample) => number): number {
  return median(samples.map(pick))
}

/** Per command name, the median over samples of its calls per request. */
function commandMedians(
  samples: readonly Sample[],
  pick: (sample: Sample) => Record<string, number>,
): Record<string, number> {
  const names = new Set(samples.flatMap((sample) => Object.keys(pick(sample))))
  const result: Record<string, number> = {}
  for (const name of [...names].sort()) result[name] = medianOf(samples, (sample) => pick(sample)[name] ?? 0)
  return result
}

/**
 * Aggregates samples into rows, in variant order then route order. Ratios and CPU differences
 * are paired: each repetition's sample against its own framework's raw sample from the same
 * repetition, then the median of those, so slow drift of the machine cancels out.
 */
export function summarize(variants: readonly Variant[], samples: readonly Sample[]): Row[] {
  const rows: Row[] = []
  for (const variant of variants) {
    const raw = rawVariantOf(variant.framework)
    for (const route of ['read', 'increment'] as const) {
      const own = samples.filter((sample) => sample.variantId === variant.id && sample.route === route)
      if (own.length === 0) continue
      const pairs = own.flatMap((a) => {
        const b = samples.find(
          (other) => other.variantId === raw.id && other.route === route && other.repetition === a.repetition,
        )
        return b ? [{ a, b }] : []
      })
      rows.push({
        variant,
        route,
        repetitions: own.length,
        requestsPerSecond: medianOf(own, (sample) => sample.requestsPerSecond),
        requestsSpread: spread(own.map((sample) => sample.requestsPerSecond)),
        p99Ms: medianOf(own, (sample) => sample.p99Ms),
        cpuMicrosPerRequest: medianOf(own, (sample) => sample.cpuMicrosPerRequest),
        ratioToRaw: pairs.length
          ? median(pairs.map(({ a, b }) => a.requestsPerSecond / b.requestsPerSecond))
          : Number.NaN,
        extraCpuMicros: pairs.length
          ? median(pairs.map(({ a, b }) => a.cpuMicrosPerRequest - b.cpuMicrosPerRequest))
          : Number.NaN,
        redisPerRequest: medianOf(own, (sample) => sample.redisPerRequest),
        redisRoundTrips: medianOf(own, (sample) => sample.census.roundTrips),
        roundTripCommands: commandMedians(own, (sample) => sample.census.roundTripCommands),
        scriptCommands: commandMedians(own, (sample) => sample.census.scriptCommands),
        rssBytes: medianOf(own, (sample) => sample.rssBytes),
        heapUsedBytes: medianOf(own, (sample) => sample.heapUsedBytes),
      })
    }
  }
  return rows
}
