import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cpus, release, totalmem, type } from 'node:os'
import { join } from 'node:path'
import { BENCH_DIR, REPO_DIR } from './paths'

function run(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { cwd: REPO_DIR, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim()
  } catch {
    return 'unknown'
  }
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'))

/** The installed version of each of the bench's npm dependencies (workspace packages are the commit). */
function packageVersions(): Record<string, string> {
  const dependencies: Record<string, string> = readJson(join(BENCH_DIR, 'package.json')).dependencies
  const installed = (name: string) => readJson(join(BENCH_DIR, 'node_modules', name, 'package.json')).version
  // h3 v1 is installed under an alias, next to v2.
  const named = (name: string) => (name === 'h3v1' ? 'h3 (v1)' : name)
  return Object.fromEntries(
    Object.entries(dependencies)
      .filter(([, range]) => !range.startsWith('workspace:'))
      .map(([name]) => [named(name), installed(name)]),
  )
}

/**
 * CPU time so far, in clock ticks, of CPU `cpu` (a number, as `taskset` takes it) or of all
 * CPUs: the total, and the part the hypervisor gave to other machines (steal), which the load
 * average does not show. Zeros where /proc/stat is missing.
 */
export function cpuTicks(cpu?: string): { total: number; steal: number } {
  try {
    const name = cpu === undefined ? 'cpu' : `cpu${cpu}`
    const line = readFileSync('/proc/stat', 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith(`${name} `))
    const fields = (line ?? '').split(/\s+/).slice(1, 9).map(Number)
    return { total: fields.reduce((sum, ticks) => sum + ticks, 0), steal: fields[7] ?? 0 }
  } catch {
    return { total: 0, steal: 0 }
  }
}

/** Captures the machine, versions and commit at the start of a run. */
export function captureEnvironment() {
  const dirty = run('git', ['status', '--porcelain', '--', 'packages']) !== ''
  const commit = run('git', ['rev-parse', '--short', 'HEAD'])
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${type()} ${release()}`,
    node: process.version,
    redisServer: /v=([\d.]+)/.exec(run('redis-server', ['--version']))?.[1] ?? 'unknown',
    /** Package name to installed version, for every library the bench's servers load from npm. */
    packages: packageVersions(),
    /** The commit measured, with a note when packages/ had uncommitted changes. */
    commit: dirty ? `${commit} (with uncommitted changes in packages/)` : commit,
  }
}

/** Where and with what a run happened, for the report. */
export type Environment = ReturnType<typeof captureEnvironment>

/**
 * Gives the server a CPU of its own, so the load generator and Redis never take CPU time from
 * it and req/s measures the server: the server the last CPU, the load generator (this process)
 * and redis-server every other. Undefined (no pinning) on a one-CPU machine or without
 * util-linux's `taskset`.
 */
export function planPinning() {
  const last = cpus().length - 1
  if (last < 1 || run('taskset', ['--version']) === 'unknown') return undefined
  return { server: String(last), bench: last === 1 ? '0' : `0-${last - 1}` }
}

/** Which CPUs (taskset lists) the server and the rest of the bench run on. */
export type Pinning = NonNullable<ReturnType<typeof planPinning>>

/** Moves every thread of a running process onto `cpuList`. */
export function pinProcess(pid: number, cpuList: string): void {
  execFileSync('taskset', ['-a', '-p', '-c', cpuList, String(pid)], { stdio: 'ignore' })
}
