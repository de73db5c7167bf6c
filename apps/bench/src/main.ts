import { startRedisServer } from '@fly-session/testkit/redis'
import { captureEnvironment, pinProcess, planPinning } from './environment'
import { redisCounter } from './harness/redis'
import { runSuite } from './harness/run-suite'
import { runInProcess } from './in-process/run-in-process'
import { type BenchOptions, parseOptions } from './options'
import { runProfiles } from './profile/profile'
import { type RunRecord, readRecord, writeReport } from './report/report'
import { resultsTable } from './report/tables'
import { runScale } from './scale/run-scale'

/** A run that takes longer than this many minutes is stuck: give up rather than hold the machine. */
const RUN_LIMIT_MINUTES = { quick: 5, full: 30 }

/**
 * Starts the one redis-server every variant shares, pins CPUs, then profiles, or measures every
 * variant, the session work alone (in-process) and the MemoryStore scale figure; stops Redis
 * whatever happens.
 */
async function measure(options: BenchOptions, started: number): Promise<RunRecord | undefined> {
  const environment = captureEnvironment()
  console.log(
    `[bench] ${options.quick ? 'quick' : 'full'} run: ${options.variants.length} variants × ` +
      `${options.repetitions} passes; Node ${environment.node}; ${environment.cpuModel} × ${environment.cores}`,
  )
  const redisServer = await startRedisServer()
  const redis = redisCounter(redisServer.url)
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
    if (options.profile) return void (await runProfiles(options, context))
    const inProcessSettings = {
      rounds: options.inProcessRounds,
      operations: options.inProcessOperations,
      inFlight: options.connections,
    }
    if (options.inProcessOnly) return void (await runInProcess(inProcessSettings, context))
    const samples = await runSuite(options, context)
    const inProcess = await runInProcess(inProcessSettings, context)
    const scale = await runScale(options.scaleCounts)
    const elapsedSeconds = (Date.now() - started) / 1000
    return { environment, options, pinning, samples, inProcess, scale, elapsedSeconds }
  } finally {
    await redis.close().catch(() => undefined)
    await redisServer.stop()
  }
}

/** Measures (or reads `--render`'s record), writes BENCHMARKS.md and results.json, and prints the table. */
async function main(): Promise<void> {
  const started = Date.now()
  const options = parseOptions(process.argv.slice(2))
  const minutes = options.quick ? RUN_LIMIT_MINUTES.quick : RUN_LIMIT_MINUTES.full
  setTimeout(() => {
    console.error(`[bench] gave up after ${minutes} minutes`)
    process.exit(1)
  }, minutes * 60_000).unref()

  if (options.expressBindingOnly) {
    const { runExpressBinding } = await import('./micro/express-binding')
    return runExpressBinding()
  }
  const record = options.render ? readRecord(options.render) : await measure(options, started)
  if (record) {
    const { rows, paths } = writeReport(record, options.outDir)
    console.log(`\n${resultsTable(rows)}\n\n[bench] wrote ${paths.join(' and ')}`)
  }
  console.log(`[bench] done in ${Math.round((Date.now() - started) / 1000)} s`)
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error)
    process.exit(1)
  },
)
