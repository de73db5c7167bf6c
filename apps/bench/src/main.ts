import { startRedisServer } from '@fly-session/testkit/redis'
import { captureEnvironment } from './environment'
import { pinProcess, planPinning } from './harness/cpu-pinning'
import { RedisCommandCounter } from './harness/redis-stats'
import { runSuite } from './harness/run-suite'
import { parseOptions } from './options'
import { runProfiles } from './profile/run-profile'
import { resultsTable } from './report/results-table'
import { evaluateTargets } from './report/targets'
import { reportPaths, writeReport } from './report/write-report'
import { summarize } from './results/summarize'
import { runScale } from './scale/run-scale'

/** A run that takes longer than this is stuck: give up rather than hold the machine. */
const RUN_LIMIT_MS = { quick: 5 * 60_000, full: 30 * 60_000 }

async function main(): Promise<void> {
  const started = Date.now()
  const options = parseOptions(process.argv.slice(2))
  const limit = options.quick ? RUN_LIMIT_MS.quick : RUN_LIMIT_MS.full
  setTimeout(() => {
    console.error(`[bench] gave up after ${limit / 60_000} minutes`)
    process.exit(1)
  }, limit).unref()

  const environment = captureEnvironment()
  console.log(
    `[bench] ${options.quick ? 'quick' : 'full'} run: ${options.variants.length} variants × ` +
      `${options.repetitions} passes; Node ${environment.node}; ${environment.cpuModel} × ${environment.cores}`,
  )
  const redisServer = await startRedisServer()
  const redis = new RedisCommandCounter(redisServer.url)
  const pinning = options.pin ? planPinning() : undefined
  if (pinning) {
    pinProcess(process.pid, pinning.bench)
    pinProcess(redisServer.pid, pinning.bench)
    console.log(
      `[bench] servers pinned to CPU ${pinning.server}; load generator and Redis to CPU ${pinning.bench}`,
    )
  }
  try {
    const context = { redisUrl: redisServer.url, redis, ...(pinning ? { serverCpus: pinning.server } : {}) }
    if (options.profile) {
      await runProfiles(options, context)
      return
    }
    const samples = await runSuite(options, context)
    const scale = await runScale(options.scaleCounts)
    const rows = summarize(options.variants, samples)
    const targets = evaluateTargets(rows, samples)
    const paths = reportPaths(options.quick, options.outDir)
    const elapsedSeconds = (Date.now() - started) / 1000
    writeReport({ environment, options, pinning, samples, rows, targets, scale, elapsedSeconds }, paths)
    console.log(`\n${resultsTable(rows)}\n`)
    for (const outcome of targets) {
      const met = outcome.met === undefined ? 'not run' : outcome.met ? 'met' : 'MISSED'
      console.log(`[target] ${met.padEnd(7)} ${outcome.target}: ${outcome.measured}`)
    }
    console.log(
      `\n[bench] wrote ${paths.markdown} and ${paths.chart} in ${Math.round((Date.now() - started) / 1000)} s`,
    )
  } finally {
    await redis.close().catch(() => undefined)
    await redisServer.stop()
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error)
    process.exit(1)
  },
)
