import { startRedisServer } from '@fly-session/testkit/redis'
import { captureEnvironment } from './environment'
import { pinProcess, planPinning } from './harness/cpu-pinning'
import { RedisCommandCounter } from './harness/redis'
import { runSuite, type SuiteContext } from './harness/run-suite'
import { type BenchOptions, parseOptions } from './options'
import { runProfiles } from './profile/profile'
import { type RunRecord, readRecord, writeReport } from './report/report'
import { resultsTable } from './report/tables'
import { runScale } from './scale/run-scale'

/** A run that takes longer than this is stuck: give up rather than hold the machine. */
const RUN_LIMIT_MS = { quick: 5 * 60_000, full: 30 * 60_000 }

/**
 * Starts the one redis-server every variant shares, pins CPUs, runs `work`, and stops Redis
 * whatever happens.
 */
async function withBenchRedis<T>(
  options: BenchOptions,
  work: (context: SuiteContext, pinning: ReturnType<typeof planPinning>) => Promise<T>,
): Promise<T> {
  const redisServer = await startRedisServer()
  const redis = new RedisCommandCounter(redisServer.url)
  try {
    const pinning = options.pin ? planPinning() : undefined
    if (pinning) {
      pinProcess(process.pid, pinning.bench)
      pinProcess(redisServer.pid, pinning.bench)
      console.log(
        `[bench] servers pinned to CPU ${pinning.server}; load generator and Redis to CPU ${pinning.bench}`,
      )
    }
    const context = { redisUrl: redisServer.url, redis, ...(pinning ? { serverCpus: pinning.server } : {}) }
    return await work(context, pinning)
  } finally {
    await redis.close().catch(() => undefined)
    await redisServer.stop()
  }
}

/** Measures every variant and the MemoryStore scale figure. */
async function measure(options: BenchOptions, started: number): Promise<RunRecord> {
  const environment = captureEnvironment()
  console.log(
    `[bench] ${options.quick ? 'quick' : 'full'} run: ${options.variants.length} variants × ` +
      `${options.repetitions} passes; Node ${environment.node}; ${environment.cpuModel} × ${environment.cores}`,
  )
  return withBenchRedis(options, async (context, pinning) => {
    const samples = await runSuite(options, context)
    const scale = await runScale(options.scaleCounts)
    return { environment, options, pinning, samples, scale, elapsedSeconds: (Date.now() - started) / 1000 }
  })
}

/** Summarises a run, writes BENCHMARKS.md and results.json, and prints the table. */
function report(record: RunRecord, outDir: string | undefined): void {
  const { rows, paths } = writeReport(record, outDir)
  console.log(`\n${resultsTable(rows)}\n\n[bench] wrote ${paths.join(' and ')}`)
}

async function main(): Promise<void> {
  const started = Date.now()
  const options = parseOptions(process.argv.slice(2))
  const limit = options.quick ? RUN_LIMIT_MS.quick : RUN_LIMIT_MS.full
  setTimeout(() => {
    console.error(`[bench] gave up after ${limit / 60_000} minutes`)
    process.exit(1)
  }, limit).unref()

  if (options.render) report(readRecord(options.render), options.outDir)
  else if (options.profile) await withBenchRedis(options, (context) => runProfiles(options, context))
  else report(await measure(options, started), options.outDir)
  console.log(`[bench] done in ${Math.round((Date.now() - started) / 1000)} s`)
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error)
    process.exit(1)
  },
)
