import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { type RedisServerHandle, startRedisServer } from '@fly-session/testkit/redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { listExportNames } from '../src/export-names'
import { quietEnv, run, runOk } from '../src/run'
import { request, startApp } from '../src/smoke-app'
import { createSmokeProject, type SmokeProject } from '../src/smoke-project'
import { publicPackages, repoRoot } from '../src/workspace'
import { allPackedPackages } from './packed'

const SECRET = 'release-check secret, at least 32 characters long'

describe('the packed tarballs, installed with npm into a fresh project', () => {
  let project: SmokeProject
  let redis: RedisServerHandle
  let env: NodeJS.ProcessEnv

  beforeAll(async () => {
    ;[project, redis] = await Promise.all([createSmokeProject(allPackedPackages()), startRedisServer()])
    env = { REDIS_URL: redis.url, SESSION_SECRET: SECRET }
  }, 360_000)

  afterAll(async () => {
    await redis?.stop()
    project?.remove()
  })

  /** Keys RedisStore wrote under its default prefix, read with redis-cli. */
  async function storedKeys(): Promise<string[]> {
    const { stdout } = await runOk('redis-cli', ['-u', redis.url, '--scan', '--pattern', 'fly:sess:*'], {
      cwd: project.dir,
    })
    return stdout.split('\n').filter(Boolean)
  }

  it('serves an ESM (import) Express app whose session is written to Redis and read back', async () => {
    const app = await startApp(project.dir, 'app.mjs', env)
    try {
      const written = await request(`${app.url}/notes/from-esm`, { method: 'POST' })
      expect(written.status).toBe(200)
      expect(written.cookie).toMatch(/^sid=/)
      expect(await request(`${app.url}/notes`, { cookie: written.cookie })).toMatchObject({
        status: 200,
        body: { note: 'from-esm', isNew: false },
      })
      expect((await request(`${app.url}/notes`)).body).toEqual({ note: null, isNew: true })
      expect((await storedKeys()).length).toBeGreaterThan(0)
    } finally {
      await app.stop()
    }
  })

  it('serves a CJS (require) Express app that reads the ESM app’s session from Redis and writes its own', async () => {
    const esm = await startApp(project.dir, 'app.mjs', env)
    const { cookie } = await request(`${esm.url}/notes/shared`, { method: 'POST' }).finally(() => esm.stop())

    const cjs = await startApp(project.dir, 'app.cjs', env)
    try {
      expect((await request(`${cjs.url}/notes`, { cookie })).body).toEqual({ note: 'shared', isNew: false })
      const written = await request(`${cjs.url}/notes/from-cjs`, { method: 'POST' })
      expect(written.cookie).toMatch(/^sid=/)
      expect((await request(`${cjs.url}/notes`, { cookie: written.cookie })).body).toEqual({
        note: 'from-cjs',
        isNew: false,
      })
    } finally {
      await cjs.stop()
    }
  })

  it('typechecks SessionData augmentation in ESM and CJS files with the installed TypeScript', async () => {
    const result = await run(project.bin('tsc'), ['-p', 'tsconfig.ok.json', '--pretty', 'false'], {
      cwd: project.dir,
    })
    expect(result.stdout + result.stderr).toBe('')
    expect(result.code).toBe(0)
  })

  it('rejects a value of the wrong type for an augmented attribute, and nothing else', async () => {
    const result = await run(project.bin('tsc'), ['-p', 'tsconfig.error.json', '--pretty', 'false'], {
      cwd: project.dir,
    })
    const source = readFileSync(join(project.dir, 'typed-error.mts'), 'utf8').split('\n')
    const line = source.findIndex((text) => text.includes('expected-error')) + 1
    const errors = result.stdout.split('\n').filter((text) => text.includes('error TS'))
    expect(result.code).not.toBe(0)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(
      new RegExp(`^typed-error\\.mts\\(${line},\\d+\\): error TS2345: .*'string'.*'number'`),
    )
  })

  it('loads every entry point in ESM and CJS with the same export names as the workspace build', async () => {
    const names = publicPackages().map((pkg) => pkg.manifest.name)
    const installed = await listExportNames(project.dir, names)
    const workspace = await listExportNames(join(repoRoot, 'apps/release-check/fixtures'), names)
    expect(installed).toEqual(workspace)
  })

  it('runs describeSessionStore from the installed @fly-session/core/testing', async () => {
    // The outer vitest's variables would make the inner one think it is a worker.
    const env = Object.fromEntries(Object.entries(quietEnv()).filter(([name]) => !name.startsWith('VITEST')))
    const result = await run(project.bin('vitest'), ['run', '--reporter=json', 'conformance.test.mjs'], {
      cwd: project.dir,
      env,
      timeoutMs: 60_000,
    })
    const report = JSON.parse(result.stdout.slice(result.stdout.indexOf('{'))) as {
      numPassedTests: number
      numFailedTests: number
    }
    expect(report.numFailedTests).toBe(0)
    expect(report.numPassedTests).toBeGreaterThanOrEqual(15)
    expect(result.code).toBe(0)
  })
})
