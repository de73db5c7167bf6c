import { MEASURED_ROUTES, type Sample } from '../harness/run-suite'
import { rawVariantOf, type Variant } from '../variants'

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('[bench] median of no values')
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Relative spread of a list, (max - min) / median: how much the windows disagree. */
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
 * Windows whose server CPU lost more than this share of its time to steal are left out of a
 * row's figures while enough quiet ones remain: on a busy host every CPU figure inflates with
 * steal, unevenly (measured: a raw server's CPU per request tripled at 45 %).
 */
export const STEAL_LIMIT_PERCENT = 10
/** The fewest quiet windows (or rounds, for paired figures) a figure is taken from; with fewer, every one counts. */
const MIN_QUIET = 3

const isQuiet = (sample: Sample) => sample.stealPercent <= STEAL_LIMIT_PERCENT

/** The quiet entries of a list when there are at least `MIN_QUIET`, else the whole list. */
function quietOrAll<T>(entries: readonly T[], quiet: (entry: T) => boolean): readonly T[] {
  const kept = entries.filter(quiet)
  return kept.length >= MIN_QUIET ? kept : entries
}

/**
 * Aggregates samples into rows (one variant on one route), in variant order then route order.
 * Every figure is the median over the row's quiet windows (all of them when fewer than
 * `MIN_QUIET` are). `ratioToRaw` and `extraCpuMicros` are paired: each window's
 * req/s (ratio) and CPU/req (difference) against its own framework's raw window of the same
 * round, then the median over the rounds whose windows were all quiet, so the machine's drift
 * cancels out (NaN without a raw sample).
 */
export function summarize(variants: readonly Variant[], samples: readonly Sample[]) {
  return variants.flatMap((variant) =>
    MEASURED_ROUTES.flatMap((route) => {
      const own = samples.filter((sample) => sample.variantId === variant.id && sample.route === route)
      if (own.length === 0) return []
      const used = quietOrAll(own, isQuiet)
      const of = (pick: (sample: Sample) => number) => median(used.map(pick))
      const sameRound = (id: string, a: Sample) =>
        samples.find((s) => s.variantId === id && s.route === route && s.repetition === a.repetition)
      const raw = rawVariantOf(variant.framework).id
      const rounds = own.flatMap((a) => {
        const b = sameRound(raw, a)
        return b ? [{ a, b }] : []
      })
      const kept = quietOrAll(rounds, ({ a, b }) => isQuiet(a) && isQuiet(b))
      const paired = (pick: (a: Sample, b: Sample) => number) =>
        kept.length ? median(kept.map(({ a, b }) => pick(a, b))) : Number.NaN
      const extraCpuByRound = new Map(
        kept.map(({ a, b }) => [a.repetition, a.cpuMicrosPerRequest - b.cpuMicrosPerRequest]),
      )
      return [
        {
          variant,
          route,
          /** Windows measured, and those the figures come from. */
          windows: own.length,
          windowsUsed: used.length,
          requestsPerSecond: of((sample) => sample.requestsPerSecond),
          /** (max - min) / median of req/s across the windows used. */
          requestsSpread: spread(used.map((sample) => sample.requestsPerSecond)),
          p99Ms: of((sample) => sample.p99Ms),
          cpuMicrosPerRequest: of((sample) => sample.cpuMicrosPerRequest),
          ratioToRaw: paired((a, b) => a.requestsPerSecond / b.requestsPerSecond),
          extraCpuMicros: kept.length ? median([...extraCpuByRound.values()]) : Number.NaN,
          /** The paired CPU difference of each round `extraCpuMicros` is the median of, by round (the window index). */
          extraCpuByRound,
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

/** One line of the results table: one variant on one route, over its windows. */
export type Row = ReturnType<typeof summarize>[number]
