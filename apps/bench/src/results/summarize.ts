import { MEASURED_ROUTES, type Sample } from '../harness/run-suite'
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

/** Per command name, the median over samples of its calls per request. */
function commandMedians(counts: ReadonlyArray<Record<string, number>>): Record<string, number> {
  const names = [...new Set(counts.flatMap((count) => Object.keys(count)))].sort()
  return Object.fromEntries(names.map((name) => [name, median(counts.map((count) => count[name] ?? 0))]))
}

/**
 * Aggregates samples into rows (one variant on one route, over all repetitions), in variant
 * order then route order. Every figure is the median over repetitions. `ratioToRaw` and
 * `extraCpuMicros` are paired: each repetition's req/s (ratio) and CPU/req (difference) against
 * its own framework's raw sample from the same repetition, then the median of those, so slow drift
 * of the machine cancels out (NaN without a raw sample).
 */
export function summarize(variants: readonly Variant[], samples: readonly Sample[]) {
  return variants.flatMap((variant) =>
    MEASURED_ROUTES.flatMap((route) => {
      const own = samples.filter((sample) => sample.variantId === variant.id && sample.route === route)
      if (own.length === 0) return []
      const of = (pick: (sample: Sample) => number) => median(own.map(pick))
      const raw = rawVariantOf(variant.framework).id
      const pairs = own.flatMap((a) => {
        const b = samples.find(
          (s) => s.variantId === raw && s.route === route && s.repetition === a.repetition,
        )
        return b ? [[a, b] as const] : []
      })
      const paired = (pick: (a: Sample, b: Sample) => number) =>
        pairs.length ? median(pairs.map(([a, b]) => pick(a, b))) : Number.NaN
      return [
        {
          variant,
          route,
          repetitions: own.length,
          requestsPerSecond: of((sample) => sample.requestsPerSecond),
          /** (max - min) / median of req/s across repetitions. */
          requestsSpread: spread(own.map((sample) => sample.requestsPerSecond)),
          p99Ms: of((sample) => sample.p99Ms),
          cpuMicrosPerRequest: of((sample) => sample.cpuMicrosPerRequest),
          ratioToRaw: paired((a, b) => a.requestsPerSecond / b.requestsPerSecond),
          extraCpuMicros: paired((a, b) => a.cpuMicrosPerRequest - b.cpuMicrosPerRequest),
          /** Redis commands per request over the window, script-internal ones included. */
          redisPerRequest: of((sample) => sample.redisPerRequest),
          /** Round trips to Redis per request (commands the server sent), in total and per command. */
          redisRoundTrips: of((sample) => sample.census.roundTrips),
          roundTripCommands: commandMedians(own.map((sample) => sample.census.roundTripCommands)),
          /** Commands run inside Lua scripts per request, per command. */
          scriptCommands: commandMedians(own.map((sample) => sample.census.scriptCommands)),
          rssBytes: of((sample) => sample.rssBytes),
          heapUsedBytes: of((sample) => sample.heapUsedBytes),
        },
      ]
    }),
  )
}

/** One line of the results table: one variant on one route, over all repetitions. */
export type Row = ReturnType<typeof summarize>[number]
