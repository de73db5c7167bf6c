import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import type { PackedPackage } from '@fly-session/release-check/src/pack'
import { runOk } from '@fly-session/release-check/src/run'

import { appEnv } from './env'

/** The package manager a user installs the app with. */
export type Installer = 'npm' | 'pnpm'

/** What one test app is made of. */
export interface AppSpec {
  /** Directory under `fixtures/` copied as the app's sources. */
  fixture: 'nuxt-app' | 'nitro-app'
  /** Registry dependencies, as `nuxi init` or the Nitro starter would write them. */
  dependencies: Record<string, string>
  /** The fly-session packages the app itself names (the rest come in as their dependencies). */
  ours: string[]
}

/** An app installed outside the workspace, in its own temporary directory. */
export interface TempApp {
  dir: string
  installer: Installer
  /** Wall-clock milliseconds the install took. */
  installMs: number
  /** Runs a command of the app's (`nuxt build`) with its installer's `exec`; resolves to milliseconds taken. */
  exec(command: string, args: string[], timeoutMs?: number): Promise<number>
  remove(): void
}

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url))

// pnpm 12 refuses to install when a dependency's build script was not approved; these are the
// ones Nuxt's tree has (esbuild's binary, @parcel/watcher's). A new app approves them the same way.
const PNPM_APPROVED_BUILDS = ['esbuild', '@parcel/watcher']

/**
 * The fly-session packages are not on the registry: the app names its own from their tarballs,
 * and the ones they depend on (`@fly-session/core` of `@fly-session/nuxt`) are pointed at
 * theirs by the installer's overrides, so nothing is fetched as `^0.0.0`.
 */
function tarballSpecs(spec: AppSpec, packed: PackedPackage[]) {
  const byName = new Map(packed.map((pkg) => [pkg.name, `file:${pkg.tarball}`]))
  const named = (name: string) => {
    const tarball = byName.get(name)
    if (tarball === undefined) throw new Error(`${name} was not packed`)
    return tarball
  }
  const direct = Object.fromEntries(spec.ours.map((name) => [name, named(name)]))
  const transitive = Object.fromEntries([...byName].filter(([name]) => !spec.ours.includes(name)))
  return { direct, transitive }
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now()
  await work()
  return Math.round(performance.now() - started)
}

/**
 * Copies a fixture into a fresh temporary directory (outside the workspace, so neither the
 * monorepo's lockfile nor its node_modules take part) and installs it from the registry and the
 * tarballs with npm or pnpm, as a stranger's project would.
 */
export async function createTempApp(
  spec: AppSpec,
  installer: Installer,
  packed: PackedPackage[],
): Promise<TempApp> {
  const dir = mkdtempSync(join(tmpdir(), `fly-${spec.fixture}-${installer}-`))
  cpSync(join(fixtures, spec.fixture), dir, { recursive: true })
  const { direct, transitive } = tarballSpecs(spec, packed)
  const manifest: Record<string, unknown> = {
    name: `fly-session-${spec.fixture}`,
    private: true,
    type: 'module',
    dependencies: { ...direct, ...spec.dependencies },
  }
  if (installer === 'npm') manifest.overrides = transitive
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  if (installer === 'pnpm') {
    const lines = [
      'overrides:',
      ...Object.entries(transitive).map(([name, target]) => `  '${name}': '${target}'`),
      'allowBuilds:',
      ...PNPM_APPROVED_BUILDS.map((name) => `  '${name}': true`),
    ]
    writeFileSync(join(dir, 'pnpm-workspace.yaml'), `${lines.join('\n')}\n`)
  }
  const args =
    installer === 'npm'
      ? ['install', '--no-audit', '--no-fund', '--loglevel=error', '--prefer-offline']
      : ['install', '--no-frozen-lockfile', '--reporter=append-only']
  const env = appEnv()
  const installMs = await timed(() => runOk(installer, args, { cwd: dir, env, timeoutMs: 300_000 }))
  return {
    dir,
    installer,
    installMs,
    exec: (command, commandArgs, timeoutMs = 180_000) =>
      timed(() =>
        runOk(
          installer === 'npm' ? 'npx' : 'pnpm',
          [...(installer === 'npm' ? ['--no'] : ['exec']), command, ...commandArgs],
          {
            cwd: dir,
            env,
            timeoutMs,
          },
        ),
      ),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}
