import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { attwProblems, publintErrors } from '../src/package-lint'
import { runOk } from '../src/run'
import { publicPackages, repoRoot } from '../src/workspace'
import { packedPackage } from './packed'

describe.each(publicPackages().map((pkg) => pkg.manifest.name))('%s tarball', (name) => {
  it('passes publint --strict', async () => {
    expect(await publintErrors(packedPackage(name).tarball)).toEqual([])
  })

  it('passes attw under the node16 profile (ESM, CJS and bundler resolution)', async () => {
    expect(await attwProblems(packedPackage(name).tarball)).toEqual([])
  })

  it('ships its README, its build output and no test files', () => {
    const { files } = packedPackage(name)
    expect(files).toContain('README.md')
    expect(files).toContain('dist/index.js')
    expect(files).toContain('dist/index.cjs')
    expect(files.filter((file) => /\.test\.[cm]?[jt]s$/.test(file))).toEqual([])
  })
})

describe('the package checks themselves', () => {
  it('reject a package whose types come last and whose ESM declarations serve require', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fly-release-broken-'))
    try {
      const tarball = join(dir, 'broken-package.tgz')
      // npm tarballs hold one top-level `package/` directory; the fixture is laid out that way.
      await runOk('tar', ['-czf', tarball, 'package'], {
        cwd: join(repoRoot, 'apps/release-check/fixtures/broken-package'),
      })
      expect((await publintErrors(tarball)).map((error) => error.split(':')[0])).toEqual([
        'EXPORTS_TYPES_SHOULD_BE_FIRST',
        'TYPES_NOT_EXPORTED',
      ])
      expect(await attwProblems(tarball)).toEqual(['FallbackCondition at . (node16-cjs)', 'FalseESM'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
