import { defineProject } from 'vitest/config'

import { projectConfig } from '../../vitest.shared.ts'

// The release checks' setup: every public package packed once per run, as a publish would.
const base = projectConfig('nuxt-e2e', {
  testTimeout: 60_000,
  globalSetup: ['../release-check/test/global-setup.ts'],
})

// Each file installs an app from the registry and builds it (Nuxt: ~520 MB peak): one file at a
// time, and hooks that may take minutes.
export default defineProject({
  ...base,
  test: { ...base.test, hookTimeout: 400_000, fileParallelism: false },
})
