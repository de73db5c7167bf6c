import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { runOk } from './run'
import { publicPackages, type WorkspacePackage } from './workspace'

export interface PackedPackage {
  name: string
  /** Absolute path of the `.tgz`. */
  tarball: string
  /** Paths inside the tarball, relative to its `package/` root. */
  files: string[]
}

/** One public package's packing: the tarball, or why there is none. */
export type PackOutcome = { name: string; packed: PackedPackage } | { name: string; error: string }

async function pack(pkg: WorkspacePackage, destination: string): Promise<PackedPackage> {
  // Without dist/ the tarball would be hollow and every check on it would mislead.
  if (!existsSync(join(pkg.dir, 'dist'))) {
    throw new Error(`${pkg.manifest.name} has no dist/: run \`pnpm turbo run build\` first (npm test does)`)
  }
  const { stdout } = await runOk('pnpm', ['pack', '--pack-destination', destination, '--json'], {
    cwd: pkg.dir,
  })
  const result = JSON.parse(stdout.slice(stdout.indexOf('{'))) as {
    name: string
    filename: string
    files: Array<{ path: string }>
  }
  return {
    name: result.name,
    tarball: result.filename,
    files: result.files.map((file) => file.path),
  }
}

/**
 * `pnpm pack` for every public package, as a publish would: `workspace:` ranges become real
 * versions, and only the `files` the manifest lists go in. One after another (2 cores).
 */
export async function packPublicPackages(destination = mkdtempSync(join(tmpdir(), 'fly-release-pack-'))) {
  const outcomes: PackOutcome[] = []
  for (const pkg of publicPackages()) {
    try {
      outcomes.push({ name: pkg.manifest.name, packed: await pack(pkg, destination) })
    } catch (error) {
      outcomes.push({
        name: pkg.manifest.name,
        error: error instanceof Error ? error.message : String(error),
      })
    }
  }
  return { destination, outcomes }
}
