import { defineProject } from 'vitest/config'

import { projectConfig } from '../../vitest.shared.ts'

// Outage and failover tests wait on real redis-server restarts and cluster elections.
const shared = projectConfig('reliability', { testTimeout: 90_000 })

export default defineProject({
  ...shared,
  ssr: {
    resolve: {
      // vitest passes these to Node as --conditions, where they steer require() too: with 'import'
      // among them, Express 5's router gets is-promise's ESM namespace instead of its function and
      // every async route fails with "isPromise is not a function".
      conditions: ['@fly-session/source', 'node', 'development|production'],
    },
  },
})
