import { projectConfig } from '../../vitest.shared.ts'

// Unit tests of the bench's own arithmetic and reporting; speed itself is measured by `pnpm bench`.
export default projectConfig('bench')
