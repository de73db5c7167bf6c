import { defineProject } from 'vitest/config'

import { projectConfig } from '../../vitest.shared.ts'

const shared = projectConfig('playground', { testTimeout: 60_000 })

// vitest hands `ssr.resolve.conditions` to Node as `--conditions`. The shared list has `import`
// and `module`, which make Express's own `require('is-promise')` load that package's ESM build
// (a namespace, not a function), so every Express request fails. Vite adds `import`/`require`
// by itself, so the source condition and Node's defaults are all this project needs.
const conditions = ['@fly-session/source', 'node', 'development|production']

// Two real browsers and a real server per store: slower than a unit test, bounded all the same.
// The set-up launches both browsers (and Redis), which takes longer on a loaded 2-core CI machine.
export default defineProject({
  ...shared,
  ssr: { ...shared.ssr, resolve: { ...shared.ssr?.resolve, conditions } },
  test: { ...shared.test, hookTimeout: 60_000 },
})
