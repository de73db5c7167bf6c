import { join } from 'node:path'

import { runOk } from './run'

/** Runtime export names of one entry point, or `throws: <message>` when loading it fails. */
export interface EntryPointNames {
  esm: string[] | string
  cjs: string[] | string
}

/** Package name → subpath (`.`, `./testing`) → names. */
export type ExportNames = Record<string, Record<string, EntryPointNames>>

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
