import { type ChildProcess, fork } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { median } from '../results/summarize'
import { REDIS_URL_ENV } from '../servers/runtime'
import {
  IN_PROCESS_VARIANTS,
  type InProcessCommand,
  type InProcessReply,
  type InProcessResult,
  type InProcessVariant,
} from './protocol'

/** Milliseconds a worker may take to seed its sessions, or to run one round, before it counts as stuck. */
const REPLY_TIMEOUT_MS = 60_000
const ROUTES = ['read', 'modify'] as const

/** One variant's worker process: `measure(route)` runs a round there and answers its CPU µs per operation. */
async function startWorker(
  variant: InProcessVariant,
  settings: { operations: number; inFlight: number },
  context: { redisUrl: string; serverCpus?: string },
) {
  const entry = fileURLToPath(new URL('./in-process-worker.js', import.meta.url))
  // taskset execs Node in place, keeping the IPC channel fork set up (as the servers are started).
  const child: ChildProcess = fork(entry, [variant, String(settings.operations), String(settings.inFlight)], {
    ...(context.serverCpus
      ? { execPath: 'taskset', execArgv: ['-c', context.serverCpus, process.execPath] }
      : {}),
    env: { ...process.env, NODE_ENV: 'production', [REDIS_URL_ENV]: context.redisUrl },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  const next = async (): Promise<InProcessReply> => {
    const [reply] = (await once(child, 'message', { signal: AbortSignal.timeout(REPLY_TIMEOUT_MS) }).catch(
      (error: Error) => {
        child.kill('SIGKILL')
        throw new Error(`[bench] in-process ${variant}: no answer (${error.message})`)
      },
    )) as [InProcessReply]
    if (reply.type === 'failed') throw new Error(`[bench] in-process ${variant} failed: ${reply.message}`)
    return reply
  }
  await next()
  return {
    async measure(route: InProcessResult['route']): Promise<number> {
      child.send({ type: 'round', route } satisfies InProcessCommand)
      const reply = await next()
      if (reply.type !== 'round')
        throw new Error(`[bench] in-process ${variant} sent ${reply.type} for a round`)
      return reply.cpuMicrosPerOperation
    },
    async close() {
      if (child.exitCode !== null) return
      const exited = once(child, 'exit')
      child.send({ type: 'close' } satisfies InProcessCommand)
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000).unref())])
      child.kill('SIGKILL')
    },
  }
}

/**
 * The session work alone, without HTTP or a framework: the floor's, and fly-session's on each
 * store, against the bench's Redis, each variant in a process of its own (as each server is),
 * pinned where the servers run, taking turns one round at a time. The HTTP figures carry the
 * framework's and the socket's cost too, and their noise (several µs per row on this kind of
 * machine) hides differences of one µs; this figure does not.
 */
export async function runInProcess(
  settings: { rounds: number; operations: number; inFlight: number },
  context: { redisUrl: string; serverCpus?: string },
): Promise<InProcessResult[]> {
  const workers = new Map<InProcessVariant, Awaited<ReturnType<typeof startWorker>>>()
  try {
    for (const variant of IN_PROCESS_VARIANTS)
      workers.set(variant, await startWorker(variant, settings, context))
    const figures = new Map<string, number[]>()
    // A warm-up round, then rounds in alternating order, so no variant always follows the same one.
    for (let round = -1; round < settings.rounds; round++) {
      const order = round % 2 === 0 ? IN_PROCESS_VARIANTS : [...IN_PROCESS_VARIANTS].reverse()
      for (const variant of order)
        for (const route of ROUTES) {
          const micros = await workers.get(variant)!.measure(route)
          const key = `${variant} ${route}`
          if (round >= 0) figures.set(key, [...(figures.get(key) ?? []), micros])
        }
    }
    const results = IN_PROCESS_VARIANTS.flatMap((variant) =>
      ROUTES.map((route) => ({
        variant,
        route,
        cpuMicrosPerOperation: median(figures.get(`${variant} ${route}`)!),
      })),
    )
    for (const { variant, route, cpuMicrosPerOperation } of results)
      console.log(
        `[in-process] ${variant.padEnd(10)} ${route.padEnd(6)} ${cpuMicrosPerOperation.toFixed(2)} µs CPU/op`,
      )
    return results
  } finally {
    await Promise.all([...workers.values()].map((worker) => worker.close()))
  }
}
