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

export interface InstallProject {
  dir: string
  /** Absolute path of an installed executable (`tsc`, `vitest`). */
  bin(name: string): string
  remove(): void
}

/**
 * The range this repository tests a third-party package at: the first workspace manifest that
 * declares it with a single range (apps first: they pin what the tests run).
 */
export function testedRange(dependency: string): string | undefined {
  const packages = workspacePackages()
  const manifests = [
    ...packages.filter((pkg) => pkg.relativeDir.startsWith('apps/')),
    ...packages.filter((pkg) => !pkg.relativeDir.startsWith('apps/')),
  ].map((pkg) => pkg.manifest)
  for (const manifest of [...manifests, readManifest(repoRoot)]) {
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
  const names = new Set<string>()
  for (const source of sources) {
    for (const match of source.matchAll(
      /^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'|require\('([^']+)'\)/gm,
    )) {
      const specifier = match[1] ?? match[2] ?? ''
      if (specifier.startsWith('.') || specifier.startsWith('node:') || specifier.startsWith('@fly-session/'))
        continue
      const name = specifier.startsWith('@')
        ? specifier.split('/').slice(0, 2).join('/')
        : specifier.split('/')[0]!
      if (!builtinModules.includes(name)) names.add(name)
    }
  }
  const found: Record<string, string> = {}
  for (const name of names) {
    const typesName = `@types/${name.replace(/^@/, '').replace('/', '__')}`
    for (const dependency of [name, typesName]) {
      const range = testedRange(dependency)
      if (range !== undefined) found[dependency] = range
      else if (dependency === name) throw new Error(`[release-check] no workspace manifest declares ${name}`)
    }
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
}): Promise<InstallProject> {
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
    bin: (name) => join(dir, 'node_modules/.bin', name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** Package name → subpath (`.`, `./testing`) → its runtime export names, `import` and `require`. */
export type ExportNames = Record<string, Record<string, { esm: string[] | string; cjs: string[] | string }>>

/**
 * Loads every entry point of `packages` in a plain `node` process (Node's own resolution and
 * conditions, no test runner in between), from `projectDir`, which must hold
 * `list-exports.mjs` and have the packages resolvable from there.
 */
export async function listExportNames(projectDir: string, packages: string[]): Promise<ExportNames> {
  const { stdout } = await runOk('node', [join(projectDir, 'list-exports.mjs'), ...packages], {
    cwd: projectDir,
  })
  return JSON.parse(stdout) as ExportNames
}

/** `names` with one list per entry point where import and require agree (the usual case), both where not. */
export function compactExportNames(names: ExportNames) {
  const compact = ({ esm, cjs }: ExportNames[string][string]) =>
    JSON.stringify(esm) === JSON.stringify(cjs) ? { 'import = require': esm } : { import: esm, require: cjs }
  return Object.fromEntries(
    Object.entries(names).map(([name, entries]) => [
      name,
      Object.fromEntries(Object.entries(entries).map(([subpath, entry]) => [subpath, compact(entry)])),
    ]),
  )
}
