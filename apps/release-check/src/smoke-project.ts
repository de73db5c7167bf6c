import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { PackedPackage } from './pack'
import { quietEnv, runOk } from './run'
import { declaredRange, repoRoot } from './workspace'

/** The smoke test's files (apps, typed files, tsconfigs) and the export lister. */
const fixturesDir = join(repoRoot, 'apps/release-check/fixtures')

export interface SmokeProject {
  dir: string
  /** Absolute path of an installed executable (`tsc`, `vitest`). */
  bin(name: string): string
  remove(): void
}

/**
 * Third-party packages a user installs next to ours, at the ranges this repo tests against, so
 * the smoke test and the package tests never disagree about versions.
 */
function thirdPartyDependencies() {
  return {
    dependencies: {
      express: declaredRange('express', 'packages/express'),
      ioredis: declaredRange('ioredis', 'packages/store-redis'),
    },
    devDependencies: {
      '@types/express': declaredRange('@types/express', 'packages/express'),
      '@types/node': declaredRange('@types/node', '.'),
      typescript: declaredRange('typescript', '.'),
      vitest: declaredRange('vitest', '.'),
    },
  }
}

/**
 * A fresh project outside the workspace that installs the packed tarballs with npm, as a
 * stranger's project would: no workspace links, no `@fly-session/source` condition, only what the
 * tarballs declare. One `npm install` (npm's cache makes reruns cheap).
 */
export async function createSmokeProject(packed: PackedPackage[]): Promise<SmokeProject> {
  const dir = mkdtempSync(join(tmpdir(), 'fly-release-smoke-'))
  cpSync(join(fixturesDir, 'smoke'), dir, { recursive: true })
  cpSync(join(fixturesDir, 'list-exports.mjs'), join(dir, 'list-exports.mjs'))
  const { dependencies, devDependencies } = thirdPartyDependencies()
  const manifest = {
    name: 'fly-session-smoke',
    version: '0.0.0',
    private: true,
    dependencies: {
      ...Object.fromEntries(packed.map((pkg) => [pkg.name, `file:${pkg.tarball}`])),
      ...dependencies,
    },
    devDependencies,
  }
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  await runOk('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
    cwd: dir,
    env: quietEnv(),
    timeoutMs: 300_000,
  })
  return {
    dir,
    bin: (name) => join(dir, 'node_modules/.bin', name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}
