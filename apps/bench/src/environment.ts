import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cpus, loadavg, release, totalmem, type } from 'node:os'
import { join } from 'node:path'
import { BENCH_DIR, REPO_DIR } from './paths'

/** Where and with what a run happened, for the report. */
export interface Environment {
  date: string
  cpuModel: string
  cores: number
  memoryGiB: number
  os: string
  node: string
  redisServer: string
  /** Package name to installed version, as the bench's servers load them. */
  packages: Record<string, string>
  /** The commit measured, with a note when packages/ had uncommitted changes. */
  commit: string
}

/** The libraries whose versions the report states. */
const PACKAGES = [
  '@fly-session/core',
  'express',
  'express-session',
  'connect-redis',
  'redis',
  'koa',
  'koa-session',
  'h3',
  // Installed under an alias: h3 v1 next to v2.
  'h3v1',
  'fastify',
  '@fastify/session',
  'hono',
  'hono-sessions',
  'ioredis',
  'autocannon',
]

function run(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { cwd: REPO_DIR, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim()
  } catch {
    return 'unknown'
  }
}

function installedVersion(name: string): string {
  try {
    const manifest = JSON.parse(readFileSync(join(BENCH_DIR, 'node_modules', name, 'package.json'), 'utf8'))
    return String(manifest.version)
  } catch {
    return 'not installed'
  }
}

/** Captures the machine, versions and commit at the start of a run. */
export function captureEnvironment(): Environment {
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
    packages: Object.fromEntries(
      PACKAGES.map((name) => [name === 'h3v1' ? 'h3 (v1)' : name, installedVersion(name)]),
    ),
    commit: dirty ? `${commit} (with uncommitted changes in packages/)` : commit,
  }
}

/** The 1-minute load average now. */
export function currentLoad(): number {
  return loadavg()[0] ?? 0
}
