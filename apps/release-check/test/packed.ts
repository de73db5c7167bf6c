import { inject } from 'vitest'

import type { PackedPackage } from '../src/pack'

/** The tarball the global setup packed for `name`; throws why there is none. */
export function packedPackage(name: string): PackedPackage {
  const outcome = inject('packed').find((candidate) => candidate.name === name)
  if (outcome === undefined) throw new Error(`${name} is not a public workspace package`)
  if ('error' in outcome) throw new Error(outcome.error)
  return outcome.packed
}

/** Every public package's tarball; throws when any one could not be packed. */
export function allPackedPackages(): PackedPackage[] {
  return inject('packed').map((outcome) => packedPackage(outcome.name))
}
