import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
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

export function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest
}

/** The repository's files that git tracks under `pathspecs` (git's globs), relative to its root. */
export function trackedFiles(...pathspecs: string[]): string[] {
  const listed = execFileSync('git', ['ls-files', '--', ...pathspecs], { cwd: repoRoot, encoding: 'utf8' })
  return listed.split('\n').filter(Boolean).sort()
}

/** Every package under the workspace globs (`packages/*`, `apps/*`, `examples/*`). */
export function workspacePackages() {
  const manifests = ['packages', 'apps', 'examples'].map((dir) => `:(glob)${dir}/*/package.json`)
  return trackedFiles(...manifests).map((file) => {
    const relativeDir = dirname(file)
    return {
      /** Absolute directory. */
      dir: join(repoRoot, relativeDir),
      /** Directory relative to the repo root, e.g. `packages/core`. */
      relativeDir,
      manifest: readManifest(join(repoRoot, relativeDir)),
    }
  })
}

/** A package of the workspace. */
export type WorkspacePackage = ReturnType<typeof workspacePackages>[number]

/** The packages that get published: every workspace package not marked private. */
export function publicPackages() {
  return workspacePackages().filter((pkg) => pkg.manifest.private !== true)
}
