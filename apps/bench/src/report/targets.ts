import type { RouteName } from '../harness/routes'
import type { Sample } from '../results/sample'
import { pairedRatio, type Row } from '../results/summarize'
import type { ScaleResult } from '../scale/scale-result'
import { FRAMEWORK_NAMES, type Framework } from '../variants'
import { fixed } from './format'
import { timesFloor } from './glance-table'

/** One performance target, as measured. Targets are reported, never asserted. */
export interface TargetOutcome {
  target: string
  measured: string
  /** undefined when a variant it needs was not run. */
  met: boolean | undefined
  /** For a per-framework target: the frameworks that missed it. */
  missedBy?: string[]
}

/** "yes", "no", "partly (missed: Express 5, h3 v1)" or "not run". */
export function verdict(outcome: TargetOutcome): string {
  if (outcome.met === undefined) return 'not run'
  if (outcome.met) return 'yes'
  return outcome.missedBy?.length ? `partly (missed: ${outcome.missedBy.join(', ')})` : 'no'
}

/** The frameworks the floor targets cover. */
const FLOOR_FRAMEWORKS: readonly Framework[] = ['express', 'koa', 'h3', 'h3v1']
const ALL_FRAMEWORKS: readonly Framework[] = ['express', 'koa', 'h3', 'h3v1', 'fastify', 'hono']

function find(rows: readonly Row[], variantId: string, route: RouteName): Row | undefined {
  return rows.find((row) => row.variant.id === variantId && row.route === route)
}

/** A per-framework upper bound on one figure (`figure` answers NaN where it was not run). */
function bound(
  target: string,
  frameworks: readonly Framework[],
  figure: (framework: Framework) => number,
  limit: number,
  format: (value: number) => string,
): TargetOutcome {
  const found = frameworks.flatMap((framework) => {
    const value = figure(framework)
    return Number.isFinite(value) ? [{ framework, value }] : []
  })
  if (found.length === 0) return { target, measured: 'not run', met: undefined }
  // Counts are medians of ratios; a hair over the integer is a touch or a reconnect, not a design miss.
  const missed = found
    .filter(({ value }) => value > limit + 0.005)
    .map(({ framework }) => FRAMEWORK_NAMES[framework])
  return {
    target,
    measured: found
      .map(({ framework, value }) => `${FRAMEWORK_NAMES[framework]} ${format(value)}`)
      .join(', '),
    met: missed.length === 0,
    ...(missed.length > 0 && missed.length < found.length ? { missedBy: missed } : {}),
  }
}

/**
 * A req/s ratio between two variants on both routes, paired by pass. The measured text adds both
 * sides' server CPU per request: on a shared machine the steadier view of the same question.
 */
function ratio(
  rows: readonly Row[],
  samples: readonly Sample[],
  target: string,
  ours: string,
  theirs: string,
  limit: number,
): TargetOutcome {
  const routes = (['read', 'increment'] as const).flatMap((route) => {
    const value = pairedRatio(samples, ours, theirs, route)
    return Number.isFinite(value) ? [{ route, value }] : []
  })
  if (routes.length === 0) return { target, measured: 'not run', met: undefined }
  const cpu = (id: string, route: RouteName) =>
    fixed(find(rows, id, route)?.cpuMicrosPerRequest ?? Number.NaN, 1)
  return {
    target,
    measured: routes
      .map(
        ({ route, value }) =>
          `${route === 'read' ? 'read' : 'modify'} ${fixed(value, 2)}× (CPU/req ${cpu(ours, route)} vs ${cpu(theirs, route)} µs)`,
      )
      .join('; '),
    met: routes.every(({ value }) => value >= limit),
  }
}

const times = (value: number) => `${fixed(value, 2)}×`
const count = (value: number) => fixed(value, 2)

/** Evaluates the performance targets against one run. */
export function evaluateTargets(
  rows: readonly Row[],
  samples: readonly Sample[],
  scale: readonly ScaleResult[] = [],
): TargetOutcome[] {
  const figure =
    (variant: string, route: RouteName, pick: (row: Row) => number) => (framework: Framework) => {
      const row = find(rows, `${framework}-${variant}`, route)
      return row ? pick(row) : Number.NaN
    }
  const million = scale.find((result) => result.sessions === 1_000_000)
  const heapMB = million ? (million.heapBytesPerSession * million.sessions) / 1e6 : Number.NaN
  return [
    bound(
      'RedisStore read route: 1 Redis round trip',
      ALL_FRAMEWORKS,
      figure('fly-redis', 'read', (row) => row.redisRoundTrips),
      1,
      count,
    ),
    bound(
      'RedisStore modify route: 2 Redis round trips (read + one atomic commit)',
      ALL_FRAMEWORKS,
      figure('fly-redis', 'increment', (row) => row.redisRoundTrips),
      2,
      count,
    ),
    bound(
      'RedisStore read: CPU over raw ≤ 1.15× the floor',
      FLOOR_FRAMEWORKS,
      (framework) => timesFloor(rows, framework, 'read'),
      1.15,
      times,
    ),
    bound(
      'RedisStore modify: CPU over raw ≤ 1.3× the floor',
      FLOOR_FRAMEWORKS,
      (framework) => timesFloor(rows, framework, 'increment'),
      1.3,
      times,
    ),
    ratio(
      rows,
      samples,
      'Express + RedisStore ≥ 1.3× express-session + connect-redis (req/s, both routes)',
      'express-fly-redis',
      'express-session-redis',
      1.3,
    ),
    ratio(
      rows,
      samples,
      'Koa + RedisStore ≥ 1.4× koa-session + koa-redis (req/s, both routes)',
      'koa-fly-redis',
      'koa-session-redis',
      1.4,
    ),
    bound(
      'MemoryStore: a modify costs ≤ 1.3× a read (CPU over raw)',
      FLOOR_FRAMEWORKS,
      (framework) =>
        figure('fly-memory', 'increment', (row) => row.extraCpuMicros)(framework) /
        figure('fly-memory', 'read', (row) => row.extraCpuMicros)(framework),
      1.3,
      times,
    ),
    {
      target: 'MemoryStore: 1M sessions under 600 MB of heap',
      measured: Number.isFinite(heapMB) ? `${fixed(heapMB, 0)} MB` : 'not run',
      met: Number.isFinite(heapMB) ? heapMB < 600 : undefined,
    },
  ]
}
