import type { BenchOptions } from '../options'
import type { Variant } from '../variants'
import { MEASURED_ROUTES } from './load'
import { measureRoute, type Sample, type WindowSettings } from './measure'
import { NO_REDIS, type RedisCommandCounter, redisCensus } from './redis'
import { startServer } from './server-process'
import { seedSessions, verifyRaw, verifySessions } from './session-client'

/** Where the suite runs: the bench's Redis, and extra Node flags for the servers. */
export interface SuiteContext {
  redisUrl: string
  redis: RedisCommandCounter
  execArgv?: string[]
  /** CPUs the servers are pinned to (taskset list), if pinning. */
  serverCpus?: string
}

/** How one variant is measured. */
export type VariantSettings = Pick<BenchOptions, 'sessions'> & WindowSettings

/**
 * The order of one pass: forward on even passes, reversed on odd ones (A B C, C B A, A B C ...),
 * so drift in the machine's load (other work, thermal state) spreads over all variants instead
 * of always favouring the first.
 */
export function passOrder<T>(items: readonly T[], pass: number): T[] {
  return pass % 2 === 0 ? [...items] : [...items].reverse()
}

/** Prints one sample as a progress line. */
export function progress(sample: Sample, pass: string): void {
  const redis =
    sample.redisPerRequest > 0
      ? `, Redis ${sample.census.roundTrips.toFixed(2)} round trips (${sample.redisPerRequest.toFixed(2)} cmds)/req`
      : ''
  console.log(
    `${pass} ${sample.variantId.padEnd(24)} ${sample.route.padEnd(9)} ` +
      `${Math.round(sample.requestsPerSecond).toString().padStart(6)} req/s, ` +
      `p99 ${sample.p99Ms} ms, ${sample.cpuMicrosPerRequest.toFixed(1)} µs CPU/req${redis}`,
  )
}

/**
 * Starts one variant's server, seeds and verifies its sessions, measures both routes, stops it.
 * A fresh process per pass, so every pass includes start-up state (JIT, heap) afresh.
 */
export async function runVariant(
  variant: Variant,
  repetition: number,
  settings: VariantSettings,
  context: SuiteContext,
): Promise<Sample[]> {
  const server = await startServer(variant, {
    redisUrl: context.redisUrl,
    ...(context.execArgv ? { execArgv: context.execArgv } : {}),
    ...(context.serverCpus ? { cpus: context.serverCpus } : {}),
  })
  try {
    let cookies: string[]
    if (variant.library === 'raw') {
      await verifyRaw(server.baseUrl)
      // A cookie of a session cookie's size, so header parsing costs the same; nothing reads it.
      cookies = [`sid=${'x'.repeat(86)}`]
    } else {
      const seeded = await seedSessions(server.baseUrl, settings.sessions)
      await verifySessions(server.baseUrl, seeded)
      cookies = seeded.map((session) => session.cookie)
    }
    const samples: Sample[] = []
    for (const route of MEASURED_ROUTES) {
      const census = variant.usesRedis
        ? await redisCensus(context.redisUrl, server.baseUrl, route, cookies)
        : NO_REDIS
      const measuring = { server, cookies, redis: context.redis, repetition, census }
      samples.push(await measureRoute(variant, route, measuring, settings))
    }
    return samples
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    throw new Error(`[bench] variant ${variant.id}: ${message}`, { cause: error })
  } finally {
    await server.stop()
  }
}

/** Every pass over every variant, interleaved; the samples in the order they were taken. */
export async function runSuite(options: BenchOptions, context: SuiteContext): Promise<Sample[]> {
  const samples: Sample[] = []
  for (let repetition = 0; repetition < options.repetitions; repetition++) {
    const pass = `[pass ${repetition + 1}/${options.repetitions}]`
    for (const variant of passOrder(options.variants, repetition)) {
      for (const sample of await runVariant(variant, repetition, options, context)) {
        progress(sample, pass)
        samples.push(sample)
      }
    }
  }
  return samples
}
