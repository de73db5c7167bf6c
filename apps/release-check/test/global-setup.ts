import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { TestProject } from 'vitest/node'

import { type PackedPackage, packPublicPackages } from '../src/pack'

declare module 'vitest' {
  export interface ProvidedContext {
    packed: PackedPackage[]
  }
}

/** Packs every public package once per run, for every test file that needs tarballs. */
export default async function setup(project: TestProject) {
  const destination = mkdtempSync(join(tmpdir(), 'fly-release-pack-'))
  const remove = () => rmSync(destination, { recursive: true, force: true })
  try {
    project.provide('packed', await packPublicPackages(destination))
  } catch (error) {
    remove()
    throw error
  }
  return remove
}
