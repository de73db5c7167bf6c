import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

import { type RedisServerHandle, startRedisServer } from '@fly-session/testkit/redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)

/** The runtimes' versions, pinned; their binaries come in the npm packages of the same names. */
const RUNTIMES = { bun: '1.4.5', deno: '2.9.6' } as const
const APP_DIR = fileURLToPath(new URL('..', import.meta.url))
const INSTALL_DIR = fileURLToPath(new URL('../node_modules/.cache/runtimes', import.meta.url))
const binary = (name: keyof typeof RUNTIMES) => `${INSTALL_DIR}/node_modules/.bin/${name}`
/** How each runtime runs runtimes/run.ts from the TypeScript sources (the workspace's source condition). */
const COMMANDS: Record<keyof typeof RUNTIMES, string[]> = {
  bun: ['--conditions=@fly-session/source', 'runtimes/run.ts'],
  // Core's sources import without extensions (bundler style), hence --sloppy-imports.
  deno: ['run', '-A', '--no-lock', '--sloppy-imports', '--conditions=@fly-session/source', 'runtimes/run.ts'],
}
/** The checks × 2 adapters × 2 stores (runtimes/run.ts). */
const EXPECTED_CHECKS = 44

// The Hono middleware and withSession on Bun and Deno, each served by the runtime's own server,
// with RedisStore (ioredis) and MemoryStore. The binaries are installed once into node_modules.
describe('the Web-standard adapters on Bun and Deno', () => {
  let redis: RedisServerHandle | undefined

  beforeAll(async () => {
    const missing = Object.entries(RUNTIMES).filter(
      ([name]) => !existsSync(binary(name as keyof typeof RUNTIMES)),
    )
    if (missing.length > 0) {
      const packages = missing.map(([name, version]) => `${name}@${version}`)
      await run(
        'npm',
        ['install', '--prefix', INSTALL_DIR, '--no-save', '--no-audit', '--no-fund', ...packages],
        {
          timeout: 150_000,
        },
      )
    }
    redis = await startRedisServer()
  }, 180_000)
  afterAll(async () => {
    await redis?.stop()
  })

  for (const [name, version] of Object.entries(RUNTIMES) as Array<[keyof typeof RUNTIMES, string]>) {
    it(`passes every check on ${name} ${version}`, { timeout: 120_000 }, async () => {
      const result = await run(binary(name), COMMANDS[name], {
        cwd: APP_DIR,
        env: { ...process.env, REDIS_URL: redis!.url, NO_COLOR: '1' },
        timeout: 110_000,
      }).catch((error: { stdout?: string; stderr?: string; message: string }) => ({
        stdout: `${error.stdout ?? ''}\n${error.stderr ?? ''}\n${error.message}`,
      }))
      const counts = /^(\d+) passed, (\d+) failed$/m.exec(result.stdout)
      expect(result.stdout, result.stdout).toContain(`[runtimes] ${name} ${version}:`)
      expect(counts?.slice(1).map(Number), result.stdout).toEqual([EXPECTED_CHECKS, 0])
    })
  }
})
