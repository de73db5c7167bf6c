import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import { rmSync } from 'node:fs'
import { promisify } from 'node:util'

const INSTALL_HINT = 'Run as root: apt-get update && apt-get install -y redis-server'

/** Every redis process started by this test process, and the temp dirs they use. */
const running = new Set<ChildProcess>()
const tempDirs = new Set<string>()
const execFileAsync = promisify(execFile)
process.once('exit', () => {
  // SIGKILL ends a paused (SIGSTOP) server too: unlike SIGTERM, it needs no SIGCONT first.
  for (const child of running) child.kill('SIGKILL')
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true })
})

/** Throws the install command when redis-server or redis-cli (the probes use it) is not on PATH. */
export function requireBinaries(): void {
  for (const binary of ['redis-server', 'redis-cli']) {
    try {
      execFileSync(binary, ['--version'], { stdio: 'ignore' })
    } catch {
      throw new Error(`[testkit] ${binary} not found. ${INSTALL_HINT}`)
    }
  }
}

/**
 * Sends one command to the server on `port` with `redis-cli` (which comes with redis-server) and
 * resolves with its reply as text; rejects when it cannot connect or has no answer in `timeoutMs`.
 */
export async function redisCli(port: number, args: string[], timeoutMs = 1000): Promise<string> {
  const cli = ['-h', '127.0.0.1', '-p', String(port), ...args]
  return (await execFileAsync('redis-cli', cli, { timeout: timeoutMs, killSignal: 'SIGKILL' })).stdout.trim()
}

/**
 * Starts `redis-server` with `args` and registers it and its directory `dir` for clean-up: the
 * process is killed and the directory removed when this test process exits, and, by a small
 * detached watchdog, within a second of this process dying any other way (a signal, SIGKILL
 * included).
 */
export function spawnRedisServer(args: string[], dir: string): ChildProcess {
  tempDirs.add(dir)
  // Ignored stdio: the server logs to its own file, and pipes would keep the test process alive.
  const child = spawn('redis-server', args, { stdio: 'ignore' })
  child.unref()
  running.add(child)
  // A shell loop that outlives this process only to clean up after it: it checks once a second
  // that the parent is alive, for at most a day, then kills the server and removes its directory.
  // Killed as soon as the server exits, so it never signals a reused pid.
  const script =
    'n=0; while [ $n -lt 86400 ] && kill -0 "$1" 2>/dev/null; do sleep 1; n=$((n+1)); done; kill -9 "$2" 2>/dev/null; rm -rf "$3"'
  const watchdogArgs = ['-c', script, 'watchdog', String(process.pid), String(child.pid), dir]
  const watchdog = spawn('sh', watchdogArgs, { detached: true, stdio: 'ignore' })
  watchdog.unref()
  child.once('exit', () => {
    running.delete(child)
    watchdog.kill('SIGKILL')
  })
  return child
}

/**
 * Stops the process: SIGCONT (a paused server cannot act on a signal), then `signal` (SIGTERM
 * lets an append-only file be flushed; SIGKILL is a crash), and SIGKILL if it has not exited
 * within 5 seconds.
 */
export async function terminate(
  child: ChildProcess,
  signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM',
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const done = once(child, 'exit')
  child.kill('SIGCONT')
  child.kill(signal)
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
  await done
  clearTimeout(timer)
}
