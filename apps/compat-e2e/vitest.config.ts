import { projectConfig } from '../../vitest.shared.ts'

// The compat layers against the real libraries that use express-session / koa-session, and the
// importers against real express-session / koa-session apps. A private package because it depends
// on both adapters, every store and those libraries, none of which may depend back on it.
export default projectConfig('compat-e2e')
