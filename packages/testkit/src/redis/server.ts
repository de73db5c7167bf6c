import type { ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { redisCli, requireBinaries, spawnRedisServer, terminate } from './processes'
import { waitUntil } from './wait'

/** Options for `startRedisServer`. */
export interface RedisServerOptions {
  /** Persist writes to an append-only file, so they survive `stop()` + `start()`. @default false */
  appendonly?: boolean
  /** Extra `redis-server` arguments, appended last (so they override the defaults). */
  args?: string[]
  /**
   * The text of a config file, written to the server's directory and loaded before the
   * arguments (Sentinel mode needs a file it can rewrite).
   */
  config?: string
}

/** Milliseconds a server may take to answer PING after it is spawned. */
const READY_TIMEOUT_MS = 10_000
/** Random ports tried, one after another, while the chosen one is taken. */
const PORT_ATTEMPTS = 10

/**
 * Spawns `redis-server` on a free 127.0.0.1 port (a random one, another on "Address already in use") with its own temp directory and resolves once it
 * answers PING. RDB snapshots are off (`--save ''`). The process is killed when the test process
 * exits, even after a failure; call `stop()` to end it sooner.
 *
 * @example
 * const redis = await startRedisServer()
 * const client = new Redis(redis.url)
 */
export async function startRedisServer(options: RedisServerOptions = {}) {
  requireBinaries()
  const dir = mkdtempSync(join(tmpdir(), 'fly-session-redis-'))
  const configFile = join(dir, 'redis.conf')
  if (options.config !== undefined) writeFileSync(configFile, options.config)
  for (let attempt = 1; ; attempt++) {
    // Below Linux's ephemeral range (32768+), so outgoing connections never hold it; so is a
    // Cluster node's bus port (port + 10000).
    const port = 10_000 + Math.floor(Math.random() * 12_000)
    const args = [
      ...(options.config === undefined ? [] : [configFile]),
      ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir],
      ...['--logfile', join(dir, 'redis.log'), '--save', ''],
      ...['--appendonly', options.appendonly ? 'yes' : 'no'],
      ...(options.args ?? []),
    ]
    try {
      return handle(port, dir, args, await launch(port, dir, args))
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt >= PORT_ATTEMPTS) throw error
    }
  }
}

function handle(port: number, dir: string, args: string[], first: ChildProcess) {
  let child: ChildProcess | undefined = first
  const end = async (signal: 'SIGTERM' | 'SIGKILL') => {
    if (child) await terminate(child, signal)
    child = undefined
  }
  return {
    /** Always `'127.0.0.1'`. */
    host: '127.0.0.1',
    port,
    /** `redis://127.0.0.1:<port>` */
    url: `redis://127.0.0.1:${port}`,
    /** The current process id (changes after `start()`). */
    get pid() {
      return child?.pid ?? -1
    },
    /** Shuts the server down (SIGTERM, so the append-only file is flushed; SIGKILL after 5 s). */
    stop: () => end('SIGTERM'),
    /** Kills the server at once (SIGKILL), as a crash would. */
    kill: () => end('SIGKILL'),
    /** Starts it again on the same port and directory; append-only data survives. */
    async start() {
      if (child) throw new Error(`[testkit] redis-server on port ${port} is already running`)
      child = await launch(port, dir, args)
    },
    /** Freezes the process (SIGSTOP): connections stay open but nothing answers. */
    pause: () => void child?.kill('SIGSTOP'),
    /** Unfreezes it (SIGCONT). */
    resume: () => void child?.kill('SIGCONT'),
  }
}

/** A running (or stopped) `redis-server` owned by the test. */
export type RedisServerHandle = ReturnType<typeof handle>

class PortTakenError extends Error {}

/** Spawns the server and waits for PING; on an early exit, throws with the end of its log. */
async function launch(port: number, dir: string, args: string[]): Promise<ChildProcess> {
  const child = spawnRedisServer(args, dir)
  const outcome = await waitUntil(
    `redis-server to answer PING on port ${port}`,
    async () => {
      if (child.exitCode !== null || child.signalCode !== null) return 'exited'
      // Another server may hold the port (ours then exits): only our own process counts.
      const info = await redisCli(port, ['INFO', 'server'])
      if (!new RegExp(`^process_id:${child.pid}\\b`, 'm').test(info)) return undefined
      return (await redisCli(port, ['PING'])) === 'PONG' ? 'ready' : undefined
    },
    { timeoutMs: READY_TIMEOUT_MS },
  ).catch(async (error: unknown) => {
    await terminate(child)
    throw error
  })
  if (outcome === 'ready') return child
  const log = logTail(dir)
  if (log.includes('Address already in use')) throw new PortTakenError(log)
  throw new Error(`[testkit] redis-server on port ${port} exited during start-up:\n${log}`)
}

function logTail(dir: string): string {
  const log = join(dir, 'redis.log')
  return existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-15).join('\n') : '(no log written)'
}
