import { dirname, join } from 'node:path'

import ts from 'typescript'

import { repoRoot, type WorkspacePackage } from './workspace'

/**
 * The names each entry point of `pkg` exports that are exports of core's main entry (types and
 * values alike, whatever name they go by), keyed by subpath, read from the sources with the
 * compiler's own resolution.
 */
export function coreReExports(pkg: WorkspacePackage): Record<string, string[]> {
  const entries = Object.entries(pkg.manifest.exports ?? {}).flatMap(([subpath, target]) => {
    const source = (target as Record<string, unknown> | string)?.['@fly-session/source' as never]
    return typeof source === 'string' ? [[subpath, join(pkg.dir, source)] as const] : []
  })
  const configPath = join(repoRoot, 'tsconfig.base.json')
  const { options } = ts.parseJsonConfigFileContent(
    ts.readConfigFile(configPath, ts.sys.readFile).config,
    ts.sys,
    dirname(configPath),
  )
  const coreIndex = join(repoRoot, 'packages/core/src/index.ts')
  const program = ts.createProgram([coreIndex, ...entries.map(([, file]) => file)], options)
  const checker = program.getTypeChecker()
  const resolve = (symbol: ts.Symbol) =>
    symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol
  const coreExports = new Set(
    checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(coreIndex)!)!).map(resolve),
  )
  const result: Record<string, string[]> = {}
  for (const [subpath, file] of entries) {
    const module = checker.getSymbolAtLocation(program.getSourceFile(file)!)
    result[subpath] = checker
      .getExportsOfModule(module!)
      .filter((symbol) => coreExports.has(resolve(symbol)))
      .map((symbol) => symbol.name)
      .sort()
  }
  return result
}
