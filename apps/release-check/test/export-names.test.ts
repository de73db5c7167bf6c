import { join } from 'node:path'

import { expect, it } from 'vitest'

import { listExportNames } from '../src/export-names'
import { publicPackages, repoRoot } from '../src/workspace'

const names = publicPackages().map((pkg) => pkg.manifest.name)

it('keeps the runtime export names of every entry point, ESM and CJS, from dist', async () => {
  // The workspace links every public package into this app, so `node` resolves them to dist/.
  const exported = await listExportNames(join(repoRoot, 'apps/release-check/fixtures'), names)
  expect(exported).toMatchInlineSnapshot()
})

it('exports the same names from import and from require', async () => {
  const exported = await listExportNames(join(repoRoot, 'apps/release-check/fixtures'), names)
  for (const [name, entryPoints] of Object.entries(exported)) {
    for (const [subpath, { esm, cjs }] of Object.entries(entryPoints)) {
      // vitest refuses to be required, so the conformance suite is usable from ESM only;
      // its CJS build exists for type resolution (attw) and fails with vitest's own message.
      if (name === '@fly-session/core' && subpath === './testing') {
        expect(cjs).toMatch(/^throws: Vitest cannot be imported in a CommonJS module/)
        continue
      }
      expect({ name, subpath, names: cjs }).toEqual({ name, subpath, names: esm })
      expect(Array.isArray(esm), `${name} ${subpath} loads`).toBe(true)
    }
  }
})
