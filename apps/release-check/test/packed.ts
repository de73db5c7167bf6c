import { inject } from 'vitest'

import type { PackedPackage } from '../src/pack'

/** Every public package's tarball, packed by the global setup. */
export function allPackedPackages(): PackedPackage[] {
  return inject('packed')
}
