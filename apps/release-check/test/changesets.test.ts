import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { bumped, largestBump, readChangesets } from '../src/changesets'
import {
  addChangeset,
  changesetVersion,
  createReleaseCopy,
  type PublishedPackage,
  packedManifest,
  publishDryRun,
  removeReleaseCopy,
} from '../src/release-rehearsal'
import { readManifest, repoRoot, workspacePackages } from '../src/workspace'

const publicPackages = workspacePackages().filter((pkg) => pkg.manifest.private !== true)
const privatePackages = workspacePackages().filter((pkg) => pkg.manifest.private === true)
// A patch for one package only: the fixed group must still move every public package.
const probe = { package: '@fly-session/store-memory', bump: 'patch' as const }

describe('a release rehearsed in a copy of the workspace', () => {
  let dir: string
  let published: PublishedPackage[]
  const pending = readChangesets(join(repoRoot, '.changeset'))
  const currentVersion = publicPackages[0]?.manifest.version ?? ''
  const bump = largestBump([probe.bump, ...pending.flatMap((changeset) => Object.values(changeset.releases))])
  const nextVersion = bumped(currentVersion, bump ?? 'patch')

  beforeAll(async () => {
    dir = createReleaseCopy()
    addChangeset(dir, 'release-check-probe', { [probe.package]: probe.bump }, 'Release rehearsal probe.')
    await changesetVersion(dir)
    published = await publishDryRun(dir)
  }, 240_000)
  afterAll(() => removeReleaseCopy(dir))

  it('starts from one version shared by every public package', () => {
    expect(new Set(publicPackages.map((pkg) => pkg.manifest.version))).toEqual(new Set([currentVersion]))
  })

  it('moves every public package to the same next version (fixed group)', () => {
    const versions = Object.fromEntries(
      publicPackages.map((pkg) => [pkg.manifest.name, readManifest(join(dir, pkg.relativeDir)).version]),
    )
    expect(versions).toEqual(
      Object.fromEntries(publicPackages.map((pkg) => [pkg.manifest.name, nextVersion])),
    )
  })

  it('writes a changelog for every public package, headed by the new version', () => {
    for (const pkg of publicPackages) {
      const changelog = readFileSync(join(dir, pkg.relativeDir, 'CHANGELOG.md'), 'utf8')
      expect(changelog.startsWith(`# ${pkg.manifest.name}\n\n## ${nextVersion}\n`), pkg.manifest.name).toBe(
        true,
      )
    }
  })

  it("puts each changeset's summary in the changelog of every package it names", () => {
    for (const changeset of pending) {
      for (const name of Object.keys(changeset.releases)) {
        const pkg = publicPackages.find((candidate) => candidate.manifest.name === name)
        expect(pkg, `${changeset.file} names ${name}, which is not a public package`).toBeDefined()
        const changelog = readFileSync(join(dir, pkg?.relativeDir ?? '', 'CHANGELOG.md'), 'utf8')
        const firstLine = changeset.summary.split('\n')[0] ?? ''
        expect(changelog, `${name} changelog lacks ${changeset.file}`).toContain(firstLine)
      }
    }
  })

  it('consumes the changesets', () => {
    for (const changeset of [...pending.map((c) => c.file), 'release-check-probe.md']) {
      expect(existsSync(join(dir, '.changeset', changeset)), changeset).toBe(false)
    }
  })

  it('leaves private packages unversioned and without changelogs', () => {
    for (const pkg of privatePackages) {
      expect(readManifest(join(dir, pkg.relativeDir)).version, pkg.manifest.name).toBe(pkg.manifest.version)
      expect(existsSync(join(dir, pkg.relativeDir, 'CHANGELOG.md')), pkg.manifest.name).toBe(false)
    }
  })

  it('would publish exactly the public packages at the new version, each with its build and README', () => {
    expect(published.map((pkg) => `${pkg.name}@${pkg.version}`).sort()).toEqual(
      publicPackages.map((pkg) => `${pkg.manifest.name}@${nextVersion}`).sort(),
    )
    for (const pkg of published) {
      const files = pkg.files.map((file) => file.path)
      expect(files, pkg.name).toEqual(expect.arrayContaining(['package.json', 'README.md', 'dist/index.js']))
    }
  })

  it('publishes dependencies between our packages at the released version', async () => {
    const dependents = publicPackages.filter((pkg) => pkg.manifest.dependencies?.['@fly-session/core'])
    expect(dependents.length).toBeGreaterThan(0)
    for (const pkg of dependents) {
      const manifest = await packedManifest(dir, pkg.relativeDir)
      const dependencies = manifest.dependencies as Record<string, string>
      expect(dependencies['@fly-session/core'], pkg.manifest.name).toBe(`^${nextVersion}`)
    }
  })
})
