#!/usr/bin/env node
// The README's two commands land here, on a machine that may have nothing but Node 20 and npm.
//   npm start  -> install pnpm + dependencies, start the playground (MemoryStore, no Redis)
//   npm test   -> also install redis-server and chromium (Debian, as root), build, run every test
//   setup      -> pnpm, dependencies and the Debian packages only (what .ci/run starts with)
// Plain Node on purpose: it runs before any dependency is installed.
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

// The one pnpm pin: package.json's packageManager (`pnpm@x.y.z`).
const PNPM_VERSION = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).packageManager.split('@')[1]
const task = process.argv[2]
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' }

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', env, ...options })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

function has(command, args = ['--version']) {
  try {
    return execFileSync(command, args, { stdio: ['ignore', 'pipe', 'ignore'], env })
      .toString()
      .trim()
  } catch {
    return undefined
  }
}

function ensurePnpm() {
  if (has('pnpm') === PNPM_VERSION) return
  console.log(`[setup] installing pnpm ${PNPM_VERSION} (corepack cannot verify signatures here)`)
  const result = spawnSync('npm', ['install', '--global', `pnpm@${PNPM_VERSION}`], { stdio: 'inherit', env })
  if (result.status !== 0) {
    console.error(`[setup] could not install pnpm. Run: npm install --global pnpm@${PNPM_VERSION}`)
    process.exit(1)
  }
}

/** Debian packages the tests need: a real redis-server and a real browser. */
function ensureDebianPackages() {
  const missing = []
  if (!has('redis-server')) missing.push('redis-server')
  if (!has(process.env.CHROMIUM_PATH ?? 'chromium')) missing.push('chromium')
  if (missing.length === 0) return
  const command = `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing.join(' ')}`
  if (!isRoot) {
    console.error(`[setup] the tests need ${missing.join(' and ')}. Run as root:\n  ${command}`)
    process.exit(1)
  }
  console.log(`[setup] installing ${missing.join(', ')} from Debian`)
  run('sh', ['-c', command])
}

ensurePnpm()
run('pnpm', ['install', ...(process.env.CI ? ['--frozen-lockfile'] : [])])
if (task === 'setup') {
  ensureDebianPackages()
} else if (task === 'start') {
  run('pnpm', ['--filter', '@fly-session/playground', 'start'])
} else if (task === 'test') {
  ensureDebianPackages()
  run('pnpm', ['turbo', 'run', 'build'])
  run('pnpm', ['vitest', 'run'])
} else {
  console.error('usage: node scripts/bootstrap.mjs setup|start|test')
  process.exit(2)
}
