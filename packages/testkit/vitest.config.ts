import { projectConfig } from '../../vitest.shared.ts'

// The launchers and helpers other suites build on, tested on their own.
export default projectConfig('testkit', { testTimeout: 60_000 })
