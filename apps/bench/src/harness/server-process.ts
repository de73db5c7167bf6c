import { fork } from 'node:child_process'
import { once } from 'node:events'
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
const live = new Set<ReturnType<typeof fork>>()
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL')
})

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

  /** The server's next message of `type`; rejects when it reports a failure, exits or stays silent. */
  const next = <T extends ServerMessage['type']>(type: T, timeoutMs: number) =>
    new Promise<Extract<ServerMessage, { type: T }>>((resolve, reject) => {
      const settle = (error: string | undefined, message?: ServerMessage) => {
        clearTimeout(timer)
        child.off('message', onMessage)
        child.off('exit', onExit)
        const output = tail ? `\n--- server output (${variant.id}) ---\n${tail}` : ''
        if (error) reject(new Error(`[bench] ${error}${output}`))
        else resolve(message as Extract<ServerMessage, { type: T }>)
      }
      const onMessage = (message: ServerMessage) => {
        if (message.type === 'failed') settle(`server failed: ${message.message}`)
        else if (message.type === type) settle(undefined, message)
      }
      const onExit = (code: number | null) => settle(`server exited (code ${code}) while waiting for ${type}`)
      const timer = setTimeout(() => settle(`no ${type} from the server within ${timeoutMs} ms`), timeoutMs)
      child.on('message', onMessage)
      child.once('exit', onExit)
    })

  const ready = await next('ready', START_TIMEOUT_MS).catch((error: unknown) => {
    child.kill('SIGKILL')
    throw error
  })
  return {
    baseUrl: `http://127.0.0.1:${ready.port}`,
    async sample() {
      const reply = next('sample', SAMPLE_TIMEOUT_MS)
      child.send({ type: 'sample' } satisfies ControlMessage)
      return (await reply).sample
    },
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
