import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { HttpClient } from '@fly-session/testkit/http'
import { type RedisServerHandle, startRedisServer } from '@fly-session/testkit/redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  docExampleErrors,
  docExampleRunFailures,
  docExamples,
  runnableExamples,
  typecheck,
} from '../src/doc-examples'
import {
  createInstallProject,
  type InstallProject,
  listExportNames,
  type PackageManager,
  thirdPartyImports,
} from '../src/install-project'
import { quietEnv, run, runOk } from '../src/run'
import { publicPackages, repoRoot } from '../src/workspace'
import { allPackedPackages } from './packed'

const SECRET = 'release-check secret, at least 32 characters long'
const fixtures = join(repoRoot, 'apps/release-check/fixtures/smoke')
const examples = docExamples()
const fixtureSources = ['app.mjs', 'app.cjs', 'typed-ok.mts', 'typed-ok.cts', 'typed-error.mts'].map((file) =>
  readFileSync(join(fixtures, file), 'utf8'),
)

/**
 * Starts `node <file>` in the project; resolves once it prints `listening <port>` (its one line
 * of output), with its URL and a stop function. Rejects if it exits first or stays silent for
 * 20 s; its stderr goes to the test's own.
 */
async function startApp(project: InstallProject, file: string, env: NodeJS.ProcessEnv) {
  const child = spawn('node', [file], {
    cwd: project.dir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    await once(child, 'exit')
  }
  const exited = once(child, 'exit').then((): unknown[] => [])
  const printed = once(child.stdout, 'data', { signal: AbortSignal.timeout(20_000) }).catch(() => [])
  const port = String((await Promise.race([printed, exited]))[0]).match(/^listening (\d+)/)?.[1]
  if (port === undefined) {
    await stop()
    throw new Error(`[release-check] ${file} exited or printed no port within 20 s (its stderr is above)`)
  }
  return { url: `http://127.0.0.1:${port}`, stop }
}

it('ships every package with its README and build output, and no test files', () => {
  for (const pkg of allPackedPackages()) {
    expect(pkg.files, pkg.name).toEqual(expect.arrayContaining(['README.md', 'dist/index.js']))
    expect(
      pkg.files.filter((file) => /\.test\.[cm]?[jt]s$/.test(file)),
      pkg.name,
    ).toEqual([])
  }
})

describe.each<PackageManager>(['npm', 'pnpm'])('the packed tarballs, installed with %s', (manager) => {
  describe('into an app that depends on every package', () => {
    let project: InstallProject
    let redis: RedisServerHandle
    let env: NodeJS.ProcessEnv

    beforeAll(async () => {
      const thirdParty = thirdPartyImports([...fixtureSources, ...examples.map((example) => example.code)])
      ;[project, redis] = await Promise.all([
        createInstallProject({ manager, packed: allPackedPackages(), thirdParty }),
        startRedisServer(),
      ])
      env = { REDIS_URL: redis.url, SESSION_SECRET: SECRET }
    }, 360_000)

    afterAll(async () => {
      await redis?.stop()
      project?.remove()
    })

    it('typechecks every TypeScript example of the READMEs and guides (NodeNext, strict), and runs those that run to completion on their own, compiled as a user builds them', async () => {
      expect(examples.length).toBeGreaterThan(20)
      expect(await docExampleErrors(project.dir, examples)).toEqual([])
      const runnable = runnableExamples(examples)
      expect(runnable.length).toBeGreaterThan(5)
      expect(await docExampleRunFailures(project.dir, runnable, env)).toEqual([])
    })

    it('serves an ESM Express app and a CJS one that share a session through Redis', async () => {
      const esm = await startApp(project, 'app.mjs', env)
      const client = new HttpClient(esm.url)
      const written = await client.request('/notes/from-esm', { method: 'POST' }).finally(() => esm.stop())
      expect(written.status).toBe(200)
      const cookie = `sid=${written.cookie('sid')?.value}`

      const cjs = await startApp(project, 'app.cjs', env)
      try {
        expect((await client.request(`${cjs.url}/notes`, { cookie })).json()).toEqual({
          note: 'from-esm',
          isNew: false,
        })
        expect((await client.request(`${cjs.url}/notes`, { cookie: '' })).json()).toEqual({
          note: null,
          isNew: true,
        })
        const { stdout } = await runOk('redis-cli', ['-u', redis.url, '--scan', '--pattern', 'fly:sess:*'], {
          cwd: project.dir,
        })
        expect(stdout.split('\n').filter(Boolean).length).toBeGreaterThan(0)
      } finally {
        await cjs.stop()
      }
    })

    it('typechecks SessionData declarations in ESM and CJS files, and rejects a value of the wrong type for a declared attribute, and nothing else', async () => {
      const { code, errors } = await typecheck(project.dir, 'tsconfig.typed.json')
      const source = readFileSync(join(project.dir, 'typed-error.mts'), 'utf8').split('\n')
      const line = source.findIndex((text) => text.includes('expected-error')) + 1
      expect(code).not.toBe(0)
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
      const env = Object.fromEntries(
        Object.entries(quietEnv()).filter(([name]) => !name.startsWith('VITEST')),
      )
      const vitest = join(project.dir, 'node_modules/.bin/vitest')
      const args = ['run', '--reporter=json', 'conformance.test.mjs']
      const { stdout } = await run(vitest, args, { cwd: project.dir, env, timeoutMs: 60_000 })
      // vitest's JSON report (numPassedTests, numFailedTests, ...), after any output of its own.
      const report = JSON.parse(stdout.slice(stdout.indexOf('{')))
      expect(report).toMatchObject({ numFailedTests: 0 })
      expect(report.numPassedTests).toBeGreaterThanOrEqual(15)
    })
  })

  describe('into an app that depends on the adapter and a store only (core comes with them)', () => {
    let project: InstallProject

    beforeAll(async () => {
      project = await createInstallProject({
        manager,
        packed: allPackedPackages(),
        direct: ['@fly-session/express', '@fly-session/store-redis'],
        thirdParty: thirdPartyImports([readFileSync(join(fixtures, 'typed-ok.mts'), 'utf8')]),
      })
    }, 360_000)

    afterAll(() => project?.remove())

    it('typechecks the documented SessionData declaration', async () => {
      expect(await typecheck(project.dir, 'tsconfig.adapter.json')).toEqual({ code: 0, errors: [] })
    })
  })
})
