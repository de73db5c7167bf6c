import { projectConfig } from '../../vitest.shared.ts'

// Outage and failover tests wait on real redis-server restarts and cluster elections.
export default projectConfig('reliability', { testTimeout: 90_000 })
