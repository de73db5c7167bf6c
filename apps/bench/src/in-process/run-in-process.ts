import { runJsonWorker } from '../harness/json-worker'
import { REDIS_URL_ENV } from '../servers/runtime'
import type { InProcessResult } from './in-process-worker'

/** Seconds the whole measurement may take before it counts as stuck. */
const WORKER_TIMEOUT_MS = 180_000

/**
 * The session work alone, without HTTP or a framework: the floor's, and fly-session's on each
 * store, measured in one process (pinned where the servers run) against the bench's Redis. The
 * HTTP figures carry the framework's and the socket's cost too, and their noise (several µs per
 * row on this kind of machine) hides differences of one µs; this figure does not.
 */
export async function runInProcess(
  settings: { rounds: number; operations: number; inFlight: number },
  context: { redisUrl: string; serverCpus?: string },
): Promise<InProcessResult[]> {
  const { rounds, operations, inFlight } = settings
  const results = await runJsonWorker<InProcessResult[]>(
    'in-process-worker',
    [rounds, operations, inFlight].map(String),
    {
      cpus: context.serverCpus,
      env: { ...process.env, NODE_ENV: 'production', [REDIS_URL_ENV]: context.redisUrl },
      timeoutMs: WORKER_TIMEOUT_MS,
    },
  )
  for (const { variant, route, cpuMicrosPerOperation } of results)
    console.log(
      `[in-process] ${variant.padEnd(10)} ${route.padEnd(6)} ${cpuMicrosPerOperation.toFixed(2)} µs CPU/op`,
    )
  return results
}
