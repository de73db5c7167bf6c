import { existsSync } from 'node:fs'
import { join } from 'node:path'

import { runOk } from './run'
import { publicPackages } from './workspace'

export interface PackedPackage {
  name: string
  /** Absolute path of the `.tgz`. */
  tarball: string
  /** Paths inside the tarball, relative to its `package/` root. */
  files: string[]
}

/**
 * `pnpm pack` of every public package into `destination`, as a publish would: `workspace:`
 * ranges become real versions, and only the `files` the manifest lists go in. One after another
 * (2 cores). Throws for a package that has not been built.
 */
export async function packPublicPackages(destination: string): Promise<PackedPackage[]> {
  const packed: PackedPackage[] = []
  for (const pkg of publicPackages()) {
    // Without dist/ the tarball would be hollow and every check on it would mislead.
    if (!existsSync(join(pkg.dir, 'dist')))
      throw new Error(`${pkg.manifest.name} has no dist/: run \`pnpm turbo run build\` first (npm test does)`)
    const args = ['pack', '--pack-destination', destination, '--json']
    const { stdout } = await runOk('pnpm', args, { cwd: pkg.dir })
    // pnpm's JSON report (name, filename, files), after any output of its own.
    const { name, filename, files } = JSON.parse(stdout.slice(stdout.indexOf('{')))
    packed.push({ name, tarball: filename, files: files.map((file: { path: string }) => file.path) })
  }
  return packed
}
