import { projectConfig } from '../../vitest.shared.ts'

// The adapters' behaviour suite on every framework major × every store, one manager shared
// across frameworks (the Nuxt and Nitro builds are apps/nuxt-e2e). A separate private package because it depends on
// every adapter and store, which must not depend back on it (turbo refuses cycles).
export default projectConfig('adapter-matrix')
