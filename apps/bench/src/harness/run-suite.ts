import { loadavg } from 'node:os'
import autocannon from 'autocannon'
import { cpuTicks } from '../environment'
import type { BenchOptions } from '../options'
import { ROUTES } from '../servers/contract'
import type { Variant } from '../variants'
import { NO_REDIS, type RedisCommandCounter, redisCensus } from './redis'
import { startServer } from './server-process'
import { seedSessions, verifyRaw, verifySessions } from './session-client'

/** The two measured routes (they take turns at being measured first in a round). */
export const MEASURED_ROUTES = ['read', 'increment'] as const
export type RouteName = (typeof MEASURED_ROUTES)[number]

/** The HTTP method and path of a measured route. */
export function requestLine(route: RouteName): { method: 'GET' | 'POST'; path: string } {
  return { method: route === 'read' ? 'GET' : 'POST', path: ROUTES[route] }
}

/** The requests to one route of a running server: where, what, and the cookies they rotate through. */
export type Target = ReturnType<typeof requestLine> & { baseUrl: string; cookies: readonly string[] }

/** Where the suite runs: the bench's Redis (URL and command counter), the servers' Node flags and CPUs. */
export type SuiteContext = Parameters<typeof startServer>[1] & { redis: RedisCommandCounter }

/** How one variant is measured. */
type Settings = Pick<
  BenchOptions,
  'sessions' | 'warmupSeconds' | 'rewarmSeconds' | 'durationSeconds' | 'connections' | 'rounds'
>

/**
 * Drives one route with autocannon from this process over keep-alive loopback connections,
 * returning completed 2xx responses per second and the p99 latency (ms). The requests rotate
 * through the seeded sessions' cookies (all prebuilt, so the load generator spends nothing per
 * request on them). Any non-2xx answer or connection error fails the run: a server that errors
 * must not look fast.
 */
async function drive(target: Target, connections: number, seconds: number) {
  const { baseUrl, method, path, cookies } = target
  const result = await autocannon({
    url: baseUrl,
    connections,
    pipelining: 1,
    duration: seconds,
    // autocannon stops on its sampling tick (1 s by default), which would round short runs up.
    sampleInt: 100,
    timeout: 10,
    requests: cookies.map((cookie) => ({ method, path, headers: { cookie } })),
  })
  if (result.non2xx > 0 || result.errors > 0) {
    const counts = `${result.non2xx} non-2xx answers and ${result.errors} errors (of ${result.requests.total})`
    throw new Error(`[bench] ${method} ${path}: ${counts}`)
  }
  return { requestsPerSecond: result['2xx'] / result.duration, p99Ms: result.latency.p99 }
}

/** A started server with its seeded cookies, and each route's Redis census. */
type Running = Awaited<ReturnType<typeof startVariant>>

/**
 * Starts one variant's server, seeds and verifies its sessions, and takes each route's Redis
 * census (MONITOR slows Redis, so never during a window).
 */
async function startVariant(variant: Variant, settings: Settings, context: SuiteContext) {
  const server = await startServer(variant, context)
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
    const targets = []
    for (const route of MEASURED_ROUTES) {
      const target = { baseUrl: server.baseUrl, cookies, ...requestLine(route) }
      const census = variant.usesRedis ? await redisCensus(context.redisUrl, target) : NO_REDIS
      targets.push({ route, target, census })
    }
    return { variant, server, targets }
  } catch (error) {
    await server.stop()
    throw error
  }
}

/**
 * One measured window on one route of a running server, bracketed by the server's own
 * CPU/request counters and Redis's command counters, so each figure covers exactly its requests.
 */
async function measureWindow(
  { variant, server }: Running,
  { route, target, census }: Running['targets'][number],
  repetition: number,
  settings: Settings,
  { redis, serverCpus }: SuiteContext,
) {
  // Steady state again: this server sat idle while the others ran.
  await drive(target, settings.connections, settings.rewarmSeconds)
  await redis.quiet()
  const loadAverage = loadavg()[0] ?? 0
  const redisBefore = await redis.calls()
  const [before, ticksBefore] = [await server.sample(), cpuTicks(serverCpus)]
  const load = await drive(target, settings.connections, settings.durationSeconds)
  const [after, ticksAfter] = [await server.sample(), cpuTicks(serverCpus)]
  const ticks = ticksAfter.total - ticksBefore.total
  const redisCalls = (await redis.calls()) - redisBefore

  const requests = after.requests - before.requests
  if (requests <= 0) throw new Error(`[bench] ${variant.id} served no requests on ${route}`)
  const redisPerRequest = redisCalls / requests
  // A Redis variant that sends Redis nothing (or a memory one that does) is not what it claims.
  if (variant.usesRedis ? redisPerRequest < 0.5 : redisCalls !== 0) {
    throw new Error(
      `[bench] ${variant.id} ${route}: ${redisPerRequest.toFixed(2)} Redis commands per request, ` +
        `which contradicts its store (${variant.storage})`,
    )
  }
  return {
    variantId: variant.id,
    route,
    /** 0-based window index, pass × rounds + round: each variant of a framework has one per index and route. */
    repetition,
    /** Completed 2xx responses per second, and the p99 latency in ms, as the load generator saw them. */
    ...load,
    /** Server CPU time (user + system) over the window divided by the requests it served. */
    cpuMicrosPerRequest: (after.cpuMicros - before.cpuMicros) / requests,
    /** Redis commands over the window per request served (INFO commandstats: commands run inside scripts count too). */
    redisPerRequest,
    /** Round trips to Redis per request, and what ran inside scripts, from a MONITOR census (zero without Redis). */
    census,
    /** Server memory at the end of the window, bytes. */
    rssBytes: after.rss,
    heapUsedBytes: after.heapUsed,
    /** The machine's 1-minute load average as the window began: other work on the machine shows here. */
    loadAverage,
    /** Per cent of the server's CPU's time (the machine's, unpinned) over the window that the hypervisor took (steal). */
    stealPercent: ticks > 0 ? (100 * (ticksAfter.steal - ticksBefore.steal)) / ticks : 0,
    /** The window on the server's monotonic clock (microseconds), to cut a CPU profile to it. */
    window: { startMicros: before.monotonicMicros, endMicros: after.monotonicMicros, requests },
  }
}

/** One measured window: one variant, one route, one round of one pass. */
export type Sample = Awaited<ReturnType<typeof measureWindow>>

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
  const redis = sample.redisPerRequest
    ? `, Redis ${sample.census.roundTrips.toFixed(2)} round trips (${sample.redisPerRequest.toFixed(2)} cmds)/req`
    : ''
  console.log(
    `${pass} ${sample.variantId.padEnd(24)} ${sample.route.padEnd(9)} ` +
      `${Math.round(sample.requestsPerSecond).toString().padStart(6)} req/s, ` +
      `p99 ${sample.p99Ms} ms, ${sample.cpuMicrosPerRequest.toFixed(1)} µs CPU/req${redis}`,
  )
}

/**
 * One pass over one framework's variants: every server started (a fresh process each) and warmed
 * up, then `rounds` rounds in which each variant gets one window per route, in alternating
 * order. A framework's windows interleave seconds apart, so the hypervisor's and the machine's
 * changing load falls on all its variants alike, and each round pairs with its own raw window.
 */
export async function runFramework(
  variants: readonly Variant[],
  pass: number,
  settings: Settings,
  context: SuiteContext,
  report: (sample: Sample) => void = () => undefined,
) {
  const running: Running[] = []
  const samples: Sample[] = []
  let current: Variant | undefined
  try {
    for (current of variants) running.push(await startVariant(current, settings, context))
    // Warmed up only once every census is taken: requests a load leaves in flight would count in one.
    for (const { variant, targets } of running) {
      current = variant
      for (const { target } of targets) await drive(target, settings.connections, settings.warmupSeconds)
    }
    for (let round = pass * settings.rounds; round < (pass + 1) * settings.rounds; round++) {
      for (const server of passOrder(running, round)) {
        current = server.variant
        // The first window after a switch of server runs coldest (on Express every session
        // library's read, always measured first, cost more than its modify while raw Express cost
        // the same on both), so the routes take turns at going first.
        const targets = round % 2 === 0 ? server.targets : [...server.targets].reverse()
        for (const entry of targets) {
          const sample = await measureWindow(server, entry, round, settings, context)
          report(sample)
          samples.push(sample)
        }
      }
    }
    return samples
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    throw new Error(`[bench] variant ${current?.id}: ${message}`, { cause: error })
  } finally {
    await Promise.all(running.map(({ server }) => server.stop()))
  }
}

/** Every pass over every framework, its variants interleaved; the samples in the order they were taken. */
export async function runSuite(options: BenchOptions, context: SuiteContext): Promise<Sample[]> {
  const frameworks = new Map<string, Variant[]>()
  for (const variant of options.variants)
    frameworks.set(variant.framework, [...(frameworks.get(variant.framework) ?? []), variant])
  const samples: Sample[] = []
  for (let pass = 0; pass < options.repetitions; pass++) {
    const label = `[pass ${pass + 1}/${options.repetitions}]`
    for (const variants of passOrder([...frameworks.values()], pass))
      samples.push(...(await runFramework(variants, pass, options, context, (s) => progress(s, label))))
  }
  return samples
}
