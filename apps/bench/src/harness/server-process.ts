import { fork } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { type ControlMessage, REDIS_URL_ENV, type ServerMessage } from '../servers/runtime'
import type { Variant } from '../variants'

const START_TIMEOUT_MS = 15_000
const SAMPLE_TIMEOUT_MS = 5_000
const STOP_TIMEOUT_MS = 5_000
/** Characters of server output kept to explain a failure. */
const OUTPUT_TAIL = 4_000

/** Every server this process started and has not seen exit: killed if the bench dies. */
const live = new Set<ReturnType<typeof fork>>()
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL')
})

/**
 * Starts a variant's server (dist/servers/<framework>.js, given the library and store mode) with
 * plain `node`, so it loads the built packages as users do, and waits until it listens.
 * `execArgv` adds Node flags (profiling); `serverCpus` pins it to those CPUs through `taskset`, which
 * execs Node in place, keeping the pid, the environment and the IPC channel fork set up.
 */
export async function startServer(
  variant: Variant,
  options: { redisUrl: string; execArgv?: string[]; serverCpus?: string },
) {
  const entry = fileURLToPath(new URL(`./servers/${variant.framework}.js`, import.meta.url))
  const flags = options.execArgv ?? []
  const child = fork(entry, [variant.library, variant.mode ?? ''], {
    ...(options.serverCpus
      ? { execPath: 'taskset', execArgv: ['-c', options.serverCpus, process.execPath, ...flags] }
      : { execArgv: flags }),
    env: { ...process.env, NODE_ENV: 'production', [REDIS_URL_ENV]: options.redisUrl },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  live.add(child)
  const exited = new AbortController()
  child.once('exit', (code) => {
    live.delete(child)
    exited.abort(new Error(`server exited (code ${code})`))
  })
  let tail = ''
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-OUTPUT_TAIL)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)

  const failure = (reason: string) =>
    new Error(`[bench] ${reason}${tail ? `\n--- server output (${variant.id}) ---\n${tail}` : ''}`)
  /**
   * The server's next message, which must be of `type` (it sends one per request of the bench's,
   * and `ready` first); rejects when it reports a failure, exits or stays silent.
   */
  async function next<T extends ServerMessage['type']>(type: T, timeoutMs: number) {
    const signal = AbortSignal.any([exited.signal, AbortSignal.timeout(timeoutMs)])
    const [message] = (await once(child, 'message', { signal }).catch((error: Error) => {
      const timedOut = signal.aborted && !exited.signal.aborted
      throw failure(timedOut ? `no ${type} within ${timeoutMs} ms` : (signal.reason ?? error).message)
    })) as [ServerMessage]
    if (message.type === 'failed') throw failure(`server failed: ${message.message}`)
    if (message.type !== type) throw new Error(`[bench] the server sent ${message.type} for ${type}`)
    return message as Extract<ServerMessage, { type: T }>
  }

  const ready = await next('ready', START_TIMEOUT_MS).catch((error: unknown) => {
    child.kill('SIGKILL')
    throw error
  })
  return {
    baseUrl: `http://127.0.0.1:${ready.port}`,
    /** The server's own CPU time, request count and memory, now. */
    async sample() {
      const reply = next('sample', SAMPLE_TIMEOUT_MS)
      child.send({ type: 'sample' } satisfies ControlMessage)
      return (await reply).sample
    },
    /** Asks it to exit; kills it if it has not within a few seconds. */
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      const gone = once(child, 'exit')
      if (child.connected) child.send({ type: 'stop' } satisfies ControlMessage)
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
      await gone
      clearTimeout(timer)
    },
  }
}

/** A running server process. */
export type ServerHandle = Awaited<ReturnType<typeof startServer>>
