import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const INSTALL_HINT = 'Run as root: apt-get update && apt-get install -y redis-server'

/** Every redis process started by this test process, and the temp dirs they use. */
const running = new Set<ChildProcess>()
const tempDirs = new Set<string>()
let cleanupInstalled = false

/** Throws the install command when `binary` (redis-server or redis-cli) is not on PATH. */
export function requireBinary(binary: 'redis-server' | 'redis-cli'): void {
  try {
    execFileSync(binary, ['--version'], { stdio: 'ignore' })
  } catch {
    throw new Error(`[testkit] ${binary} not found. ${INSTALL_HINT}`)
  }
}

/** A fresh directory under the OS temp dir, removed when the test process exits. */
export function makeTempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `fly-session-${label}-`))
  tempDirs.add(dir)
  return dir
}

/**
 * Starts `redis-server` with `args` and registers it for clean-up: the process is killed when
 * this test process exits normally, on an uncaught failure, on SIGINT/SIGTERM/SIGHUP, and, by a
 * small detached watchdog, even when this process is killed with SIGKILL.
 */
export function spawnRedisServer(args: string[]): ChildProcess {
  installCleanup()
  // Ignored stdio: the server logs to its own file, and pipes would keep the test process alive.
  const child = spawn('redis-server', args, { stdio: 'ignore' })
  child.unref()
  running.add(child)
  const watchdog = startWatchdog(child.pid)
  child.once('exit', () => {
    running.delete(child)
    watchdog?.kill('SIGKILL')
  })
  child.once('error', () => running.delete(child))
  return child
}

/** Resolves when the process has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => child.once('exit', () => resolve()))
}

/**
 * Kills the process polite first: SIGCONT (a paused server cannot act on SIGTERM), then SIGTERM
 * so an append-only file is flushed, and SIGKILL if it has not exited within `graceMs`.
 */
export async function terminate(child: ChildProcess, graceMs = 5000): Promise<void> {
  const done = exited(child)
  child.kill('SIGCONT')
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
  await done
  clearTimeout(timer)
}

/**
 * A shell loop that outlives this process only to kill the server after it: it checks once a
 * second that the parent is alive, for at most a day. Killed as soon as the server exits, so it
 * never signals a reused pid.
 */
function startWatchdog(serverPid: number | undefined): ChildProcess | undefined {
  if (serverPid === undefined) return undefined
  const script =
    'n=0; while [ $n -lt 86400 ] && kill -0 "$1" 2>/dev/null; do sleep 1; n=$((n+1)); done; kill -9 "$2" 2>/dev/null'
  const watchdog = spawn('sh', ['-c', script, 'watchdog', String(process.pid), String(serverPid)], {
    detached: true,
    stdio: 'ignore',
  })
  watchdog.unref()
  return watchdog
}

function killAllNow(): void {
  for (const child of running) {
    child.kill('SIGCONT')
    child.kill('SIGKILL')
  }
  running.clear()
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true })
  tempDirs.clear()
}

function installCleanup(): void {
  if (cleanupInstalled) return
  cleanupInstalled = true
  process.once('exit', killAllNow)
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      killAllNow()
      process.removeListener(signal, onSignal)
      // Keep the signal's default effect unless someone else has taken it over.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal)
    }
    process.on(signal, onSignal)
  }
}
