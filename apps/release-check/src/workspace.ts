import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The monorepo's root directory. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')

/** The fields of a package.json the release checks read. */
export interface Manifest {
  name: string
  private?: boolean
  exports?: Record<string, unknown>
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
}

export interface WorkspacePackage {
  /** Absolute directory. */
  dir: string
  /** Directory relative to the repo root, e.g. `packages/core`. */
  relativeDir: string
  manifest: Manifest
}

export function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest
}

/** Every package under the workspace globs (`packages/*`, `apps/*`, `examples/*`). */
export function workspacePackages(): WorkspacePackage[] {
  const found: WorkspacePackage[] = []
  for (const group of ['packages', 'apps', 'examples']) {
    let entries: string[]
    try {
      entries = readdirSync(join(repoRoot, group))
    } catch {
      continue
    }
    for (const entry of entries.sort()) {
      const dir = join(repoRoot, group, entry)
      try {
        found.push({ dir, relativeDir: `${group}/${entry}`, manifest: readManifest(dir) })
      } catch {
        // A directory without a package.json is not a workspace package.
      }
    }
  }
  return found
}

/** The packages that get published: every workspace package not marked private. */
export function publicPackages(): WorkspacePackage[] {
  return workspacePackages().filter((pkg) => pkg.manifest.private !== true)
}
