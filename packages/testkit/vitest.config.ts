import { projectConfig } from '../../vitest.shared.ts'

// The adapters' behaviour suite (every framework major x every store) and the cross-framework
// test live here: the adapter packages cannot depend on the testkit and be its dependencies too.
export default projectConfig('testkit')
