import { execFileSync } from 'node:child_process'
import { cpus } from 'node:os'

/** Which CPUs (taskset lists) the server and the rest of the bench run on. */
export interface Pinning {
  /** The server under test: the last CPU, to itself. */
  server: string
  /** The load generator (this process) and redis-server: every other CPU. */
  bench: string
}

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/**
 * Gives the server a CPU of its own, so the load generator and Redis never take CPU time from
 * it and req/s measures the server. Undefined (no pinning) on a one-CPU machine or without
 * util-linux's `taskset`.
 */
export function planPinning(): Pinning | undefined {
  const count = cpus().length
  if (count < 2 || !hasTaskset()) return undefined
  const last = count - 1
  return { server: String(last), bench: last === 1 ? '0' : `0-${last - 1}` }
}

/** Moves every thread of a running process onto `cpuList`. */
export function pinProcess(pid: number, cpuList: string): void {
  execFileSync('taskset', ['-a', '-p', '-c', cpuList, String(pid)], { stdio: 'ignore' })
}
