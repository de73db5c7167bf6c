import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { type ControlMessage, REDIS_URL_ENV, type ServerMessage, type ServerSample } from '../protocol'
import type { Variant } from '../variants'
import { pinnedForkOptions } from './cpu-pinning'

/** A running server process. */
export interface ServerHandle {
  readonly baseUrl: string
  /** The server's own CPU time, request count and memory, now. */
  sample(): Promise<ServerSample>
  /** Asks it to exit; kills it if it has not within a few seconds. */
  stop(): Promise<void>
}

const START_TIMEOUT_MS = 15_000
const SAMPLE_TIMEOUT_MS = 5_000
const STOP_TIMEOUT_MS = 5_000
/** Characters of server output kept to explain a failure. */
const OUTPUT_TAIL = 4_000

/** Every server this process started and has not seen exit: killed if the bench dies. */
const live = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL')
})

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => child.once('exit', () => resolve()))
}

/** Resolves with the first message `accept` returns a value for; rejects on exit or timeout. */
function nextMessage<T>(
  child: ChildProcess,
  timeoutMs: number,
  what: string,
  accept: (message: ServerMessage) => T | undefined,
  output: () => string,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = (settle: () => void) => {
      clearTimeout(timer)
      child.off('message', onMessage)
      child.off('exit', onExit)
      settle()
    }
    const onMessage = (message: ServerMessage) => {
      if (message.type === 'failed')
        done(() => reject(new Error(`[bench] server failed: ${message.message}`)))
      const value = accept(message)
      if (value !== undefined) done(() => resolve(value))
    }
    const onExit = (code: number | null) =>
      done(() =>
        reject(new Error(`[bench] server exited (code ${code}) while waiting for ${what}\n${output()}`)),
      )
    const timer = setTimeout(
      () =>
        done(() =>
          reject(new Error(`[bench] no ${what} from the server within ${timeoutMs} ms\n${output()}`)),
        ),
      timeoutMs,
    )
    child.on('message', onMessage)
    child.once('exit', onExit)
  })
}

/**
 * Starts a variant's server bundle (dist/servers/<name>.js) with plain `node`, so it loads the
 * built packages as users do, and waits until it listens. `execArgv` adds Node flags (profiling);
 * `cpus` pins it to those CPUs.
 */
export async function startServer(
  variant: Variant,
  options: { redisUrl: string; execArgv?: string[]; cpus?: string },
): Promise<ServerHandle> {
  const entry = fileURLToPath(new URL(`./servers/${variant.server}.js`, import.meta.url))
  const nodeFlags = options.execArgv ?? []
  const child = fork(entry, variant.mode ? [variant.mode] : [], {
    ...(options.cpus ? pinnedForkOptions(options.cpus, nodeFlags) : { execArgv: nodeFlags }),
    env: { ...process.env, NODE_ENV: 'production', [REDIS_URL_ENV]: options.redisUrl },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  live.add(child)
  child.once('exit', () => live.delete(child))
  let tail = ''
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-OUTPUT_TAIL)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const output = () => (tail ? `--- server output (${variant.id}) ---\n${tail}` : '')

  let port: number
  try {
    port = await nextMessage(
      child,
      START_TIMEOUT_MS,
      'ready',
      (message) => (message.type === 'ready' ? message.port : undefined),
      output,
    )
  } catch (error) {
    child.kill('SIGKILL')
    throw error
  }

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    sample() {
      const reply = nextMessage(
        child,
        SAMPLE_TIMEOUT_MS,
        'sample',
        (message) => (message.type === 'sample' ? message.sample : undefined),
        output,
      )
      child.send({ type: 'sample' } satisfies ControlMessage)
      return reply
    },
    async stop() {
      const gone = exited(child)
      if (child.connected) child.send({ type: 'stop' } satisfies ControlMessage)
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
      await gone
      clearTimeout(timer)
    },
  }
}
