import { rmSync } from 'node:fs'

import type { TestProject } from 'vitest/node'

import { type PackOutcome, packPublicPackages } from '../src/pack'

declare module 'vitest' {
  export interface ProvidedContext {
    packed: PackOutcome[]
  }
}

/**
 * Packs every public package once per run, for every test file that needs tarballs. A package
 * that cannot be packed (e.g. not built) fails the tests that need it, with the reason, instead
 * of aborting the whole run here.
 */
export default async function setup(project: TestProject) {
  const { destination, outcomes } = await packPublicPackages()
  project.provide('packed', outcomes)
  return () => rmSync(destination, { recursive: true, force: true })
}
