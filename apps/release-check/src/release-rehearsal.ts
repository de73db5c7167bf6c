import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'

import { runOk } from './run'
import { repoRoot, workspacePackages } from './workspace'

/**
 * A throwaway copy of the workspace as a release sees it: the root manifest, the workspace file,
 * `.changeset/`, every package's manifest, and for public packages everything they publish
 * (build output included). Dependencies are not copied: the root `node_modules` is linked in, so
 * the changesets CLI and its changelog generator resolve as they do in the repository.
 * Nothing the release commands write can reach the repository.
 */
export function createReleaseCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fly-release-rehearsal-'))
  for (const file of ['package.json', 'pnpm-workspace.yaml']) cpSync(join(repoRoot, file), join(dir, file))
  cpSync(join(repoRoot, '.changeset'), join(dir, '.changeset'), { recursive: true })
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir')
  for (const pkg of workspacePackages()) {
    const target = join(dir, pkg.relativeDir)
    mkdirSync(target, { recursive: true })
    if (pkg.manifest.private === true) {
      cpSync(join(pkg.dir, 'package.json'), join(target, 'package.json'))
      continue
    }
    cpSync(pkg.dir, target, {
      recursive: true,
      filter: (source) => !['node_modules', '.turbo', 'CHANGELOG.md'].includes(basename(source)),
    })
  }
  return dir
}

/** Adds a changeset to the copy, as `pnpm changeset` would write it. */
export function addChangeset(dir: string, name: string, releases: Record<string, string>, summary: string) {
  const front = Object.entries(releases).map(([pkg, bump]) => `"${pkg}": ${bump}`)
  writeFileSync(join(dir, '.changeset', `${name}.md`), `---\n${front.join('\n')}\n---\n\n${summary}\n`)
}

/** `changeset version` in the copy, with the repository's own CLI. */
export async function changesetVersion(dir: string): Promise<void> {
  await runOk(join(repoRoot, 'node_modules/.bin/changeset'), ['version'], { cwd: dir, timeoutMs: 60_000 })
}

export interface PublishedPackage {
  name: string
  version: string
  files: Array<{ path: string }>
}

/** `pnpm publish -r --dry-run --no-git-checks` in the copy: what a release would publish. */
export async function publishDryRun(dir: string): Promise<PublishedPackage[]> {
  const { stdout } = await runOk('pnpm', ['publish', '-r', '--dry-run', '--no-git-checks', '--json'], {
    cwd: dir,
    timeoutMs: 120_000,
  })
  return JSON.parse(stdout.slice(stdout.indexOf('['))) as PublishedPackage[]
}

/** The manifest a publish would put in `relativeDir`'s tarball (`workspace:` ranges resolved). */
export async function packedManifest(dir: string, relativeDir: string): Promise<Record<string, unknown>> {
  const destination = join(dir, '.packed')
  const { stdout } = await runOk('pnpm', ['pack', '--pack-destination', destination, '--json'], {
    cwd: join(dir, relativeDir),
  })
  const { filename } = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { filename: string }
  const { stdout: manifest } = await runOk('tar', ['-xzOf', filename, 'package/package.json'], { cwd: dir })
  return JSON.parse(manifest) as Record<string, unknown>
}

export function removeReleaseCopy(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}
