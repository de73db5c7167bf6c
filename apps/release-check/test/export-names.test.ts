import { join } from 'node:path'

import ts from 'typescript'
import { expect, it } from 'vitest'

import { listExportNames } from '../src/install-project'
import { publicPackages, repoRoot, type WorkspacePackage } from '../src/workspace'

/**
 * What an app needs of core next to its adapter: the one list every adapter entry point
 * re-exports by name (never `export *`, so core's other exports stay out of the adapters'
 * semver promise). Types included, which the runtime snapshot below cannot see.
 */
const CURATED_CORE_NAMES = `HttpSession SessionConfigError SessionCookieOptions SessionData SessionError
  SessionErrorCode SessionHooks SessionManager SessionOptions SessionStateError SessionStoreError
  SessionSummary SessionTooLargeError createSessionManager`
  .split(/\s+/)
  .sort()

/**
 * The names each entry point of `pkg` exports that are exports of core's main entry (types and
 * values alike, whatever name they go by), keyed by subpath, read from the sources with the
 * compiler's own resolution.
 */
function coreReExports(pkg: WorkspacePackage): Record<string, string[]> {
  const entries = Object.entries(pkg.manifest.exports ?? {}).flatMap(([subpath, target]) => {
    const source = (target as Record<string, unknown> | string)?.['@fly-session/source' as never]
    return typeof source === 'string' ? [[subpath, join(pkg.dir, source)] as const] : []
  })
  const { config } = ts.readConfigFile(join(repoRoot, 'tsconfig.base.json'), ts.sys.readFile)
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, repoRoot)
  const coreIndex = join(repoRoot, 'packages/core/src/index.ts')
  const program = ts.createProgram([coreIndex, ...entries.map(([, file]) => file)], options)
  const checker = program.getTypeChecker()
  const exportsOf = (file: string) =>
    checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(file)!)!)
  const resolve = (symbol: ts.Symbol) =>
    symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol
  const coreExports = new Set(exportsOf(coreIndex).map(resolve))
  return Object.fromEntries(
    entries.map(([subpath, file]) => [
      subpath,
      exportsOf(file)
        .filter((symbol) => coreExports.has(resolve(symbol)))
        .map((symbol) => symbol.name)
        .sort(),
    ]),
  )
}

const adapters = publicPackages().filter(
  (pkg) => pkg.relativeDir.startsWith('packages/') && !/\/(core|store-[\w-]+)$/.test(pkg.relativeDir),
)

it.each(adapters.map((pkg) => [pkg.manifest.name, pkg] as const))(
  '%s re-exports exactly the curated list of core names from every entry point',
  (_name, pkg) => {
    const entries = coreReExports(pkg)
    expect(Object.keys(entries).length).toBeGreaterThan(0)
    for (const [subpath, names] of Object.entries(entries)) {
      expect({ subpath, names }).toEqual({ subpath, names: CURATED_CORE_NAMES })
    }
  },
)

it('keeps the runtime export names of every entry point, ESM and CJS, from dist', async () => {
  // The workspace links every public package into this app, so `node` resolves them to dist/.
  const exported = await listExportNames(
    join(repoRoot, 'apps/release-check/fixtures'),
    publicPackages().map((pkg) => pkg.manifest.name),
  )
  // A change of this file is a change of the packages' public surface (`vitest -u` rewrites it).
  // JSON, but not named .json: the formatter would rewrap it.
  await expect(`${JSON.stringify(exported, null, 2)}\n`).toMatchFileSnapshot('./export-names.snap')
})
