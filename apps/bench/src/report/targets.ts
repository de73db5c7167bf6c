import type { RouteName } from '../harness/routes'
import type { Sample } from '../results/sample'
import { pairedRatio, type Row } from '../results/summarize'
import { FRAMEWORK_NAMES, type Framework } from '../variants'
import { fixed } from './format'

/** One of issue 6's targets, as measured. Targets are reported, never asserted. */
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

const FRAMEWORKS: readonly Framework[] = ['express', 'koa', 'h3', 'h3v1', 'fastify', 'hono']

function find(rows: readonly Row[], variantId: string, route: RouteName): Row | undefined {
  return rows.find((row) => row.variant.id === variantId && row.route === route)
}

/** A per-framework bound on one figure of a fly-session variant. */
function bound(
  rows: readonly Row[],
  target: string,
  variant: 'fly-memory' | 'fly-redis',
  route: RouteName,
  figure: (row: Row) => number,
  limit: number,
  unit: string,
): TargetOutcome {
  const found = FRAMEWORKS.flatMap((framework) => {
    const row = find(rows, `${framework}-${variant}`, route)
    return row ? [{ framework, value: figure(row) }] : []
  })
  if (found.length === 0) return { target, measured: 'not run', met: undefined }
  // Counts are medians of ratios; a hair over the integer is a touch or a reconnect, not a design miss.
  const missed = found
    .filter(({ value }) => value > limit + 0.005)
    .map(({ framework }) => FRAMEWORK_NAMES[framework])
  return {
    target,
    measured: found
      .map(({ framework, value }) => `${FRAMEWORK_NAMES[framework]} ${fixed(value, 2)}${unit}`)
      .join(', '),
    met: missed.length === 0,
    ...(missed.length > 0 && missed.length < found.length ? { missedBy: missed } : {}),
  }
}

/**
 * A req/s ratio between two variants' read routes, paired by pass. The measured text adds both
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
  const value = pairedRatio(samples, ours, theirs, 'read')
  if (!Number.isFinite(value)) return { target, measured: 'not run', met: undefined }
  const cpu = (id: string) => fixed(find(rows, id, 'read')?.cpuMicrosPerRequest ?? Number.NaN, 1)
  return {
    target,
    measured: `${fixed(value, 2)}× (server CPU/req ${cpu(ours)} vs ${cpu(theirs)} µs)`,
    met: value >= limit,
  }
}

/** Evaluates every target of issue 6 against one run. */
export function evaluateTargets(rows: readonly Row[], samples: readonly Sample[]): TargetOutcome[] {
  return [
    bound(
      rows,
      'RedisStore read route: 1 Redis command',
      'fly-redis',
      'read',
      (row) => row.redisRoundTrips,
      1,
      '',
    ),
    bound(
      rows,
      'RedisStore modify route: 2 Redis commands (read + one atomic commit)',
      'fly-redis',
      'increment',
      (row) => row.redisRoundTrips,
      2,
      '',
    ),
    bound(
      rows,
      'MemoryStore read: ≤ 15 µs CPU over raw',
      'fly-memory',
      'read',
      (row) => row.extraCpuMicros,
      15,
      ' µs',
    ),
    bound(
      rows,
      'RedisStore read: ≤ 35 µs CPU over raw',
      'fly-redis',
      'read',
      (row) => row.extraCpuMicros,
      35,
      ' µs',
    ),
    ratio(
      rows,
      samples,
      'Express + RedisStore read ≥ 1.4× express-session + connect-redis (req/s)',
      'express-fly-redis',
      'express-session-redis',
      1.4,
    ),
    ratio(
      rows,
      samples,
      'Koa + RedisStore read ≥ 1.5× koa-session + Redis (req/s)',
      'koa-fly-redis',
      'koa-session-redis',
      1.5,
    ),
  ]
}
