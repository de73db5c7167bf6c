import { projectConfig } from '../../vitest.shared.ts'

// Packing, an npm install and several tsc runs: slow by nature, so generous timeouts.
export default projectConfig('release-check', {
  testTimeout: 120_000,
  globalSetup: ['./test/global-setup.ts'],
})
