import { projectConfig } from '../../vitest.shared.ts'

// Two real browsers and a real server per store: slower than a unit test, bounded all the same.
export default projectConfig('playground', { testTimeout: 60_000 })
