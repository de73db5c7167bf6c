import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { PackedPackage } from './pack'
import { quietEnv, runOk } from './run'
import { readManifest, repoRoot, workspacePackages } from './workspace'

/** The smoke test's files (apps, typed files, tsconfigs) and the export lister. */
const fixturesDir = join(repoRoot, 'apps/release-check/fixtures')

export type PackageManager = 'npm' | 'pnpm'

/**
 * The range this repository tests a third-party package at: the first workspace manifest that
 * declares it with a single range (apps first, as the sorted listing has them: they pin what the
 * tests run), else the root's.
 */
function testedRange(dependency: string): string | undefined {
  for (const manifest of [...workspacePackages().map((pkg) => pkg.manifest), readManifest(repoRoot)]) {
    const range = manifest.devDependencies?.[dependency] ?? manifest.dependencies?.[dependency]
    if (range !== undefined && !range.includes('||') && !range.startsWith('workspace:')) return range
  }
  return undefined
}

/**
 * The packages `sources` import that are not ours and not Node's, each with its `@types/`
 * package when the workspace uses one, at the ranges the workspace tests.
 */
export function thirdPartyImports(sources: string[]): Record<string, string> {
  const found: Record<string, string> = {}
  const importing = /^\s*(?:import|export)\b[^'"]*?from\s+'([^'.][^']*)'|require\('([^'.][^']*)'\)/gm
  for (const match of sources.flatMap((source) => [...source.matchAll(importing)])) {
    const name = (match[1] ?? match[2] ?? '').match(/^(@[^/]+\/)?[^/]+/)?.[0] ?? ''
    if (name.startsWith('node:') || name.startsWith('@fly-session/') || builtinModules.includes(name))
      continue
    const range = testedRange(name)
    if (range === undefined) throw new Error(`[release-check] no workspace manifest declares ${name}`)
    found[name] = range
    const typesName = `@types/${name.replace(/^@/, '').replace('/', '__')}`
    const typesRange = testedRange(typesName)
    if (typesRange !== undefined) found[typesName] = typesRange
  }
  return found
}

/**
 * A fresh project outside the workspace that installs the packed tarballs with `manager`, as
 * a stranger's project would: no workspace links, no `@fly-session/source` condition, only what
 * the tarballs declare. `direct` names the packages the project depends on itself; the other
 * tarballs only stand in for the registry (overrides), so e.g. core can be installed only as
 * the adapter's dependency, the layout where pnpm hides it from the app.
 */
export async function createInstallProject(options: {
  manager: PackageManager
  packed: PackedPackage[]
  direct?: string[]
  thirdParty?: Record<string, string>
}) {
  const { manager, packed } = options
  const direct = options.direct ?? packed.map((pkg) => pkg.name)
  const dir = mkdtempSync(join(tmpdir(), `fly-release-${manager}-`))
  cpSync(join(fixturesDir, 'smoke'), dir, { recursive: true })
  cpSync(join(fixturesDir, 'list-exports.mjs'), join(dir, 'list-exports.mjs'))
  const tarballs = Object.fromEntries(packed.map((pkg) => [pkg.name, `file:${pkg.tarball}`]))
  const tooling = Object.fromEntries(
    ['@types/node', 'typescript', 'vitest'].map((name) => [name, testedRange(name) ?? 'latest']),
  )
  const manifest = {
    name: `fly-session-${manager}-project`,
    version: '0.0.0',
    private: true,
    type: 'module',
    dependencies: {
      ...Object.fromEntries(direct.map((name) => [name, tarballs[name]])),
      ...options.thirdParty,
    },
    devDependencies: tooling,
    overrides: tarballs,
  }
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  // pnpm reads its overrides from its workspace file (JSON is valid YAML).
  if (manager === 'pnpm')
    writeFileSync(join(dir, 'pnpm-workspace.yaml'), `${JSON.stringify({ overrides: tarballs })}\n`)
  const install =
    manager === 'npm'
      ? ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error']
      : ['install', '--prefer-offline', '--reporter=silent', '--config.strict-dep-builds=false']
  await runOk(manager, install, { cwd: dir, env: quietEnv(), timeoutMs: 300_000 })
  return {
    dir,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** A project created by `createInstallProject`. */
export type InstallProject = Awaited<ReturnType<typeof createInstallProject>>

/**
 * Loads every entry point of `packages` in a plain `node` process (Node's own resolution and
 * conditions, no test runner in between), from `projectDir`, which must hold
 * `list-exports.mjs` and have the packages resolvable from there. Returns package name →
 * subpath (`.`, `./testing`) → its runtime export names, `import` and `require`.
 */
export async function listExportNames(projectDir: string, packages: string[]): Promise<unknown> {
  const { stdout } = await runOk('node', [join(projectDir, 'list-exports.mjs'), ...packages], {
    cwd: projectDir,
  })
  return JSON.parse(stdout)
}
