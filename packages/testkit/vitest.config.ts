import { defineProject } from 'vitest/config'

import { projectConfig } from '../../vitest.shared.ts'

// The adapters' behaviour suite (every framework major x every store) and the cross-framework
// test live here: the adapter packages cannot depend on the testkit and be its dependencies too.
const shared = projectConfig('testkit')

// vitest hands `ssr.resolve.conditions` to Node as `--conditions`, where they steer require()
// too: with the shared list's `import`, Express 5's router gets is-promise's ESM namespace
// instead of its function. The source condition and Node's defaults are all this project needs.
const conditions = ['@fly-session/source', 'node', 'development|production']

export default defineProject({
  ...shared,
  ssr: { ...shared.ssr, resolve: { ...shared.ssr?.resolve, conditions } },
})
