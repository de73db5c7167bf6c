import { defineConfig } from 'vitest/config'

// One run over every package and app, so `pnpm test` ends in one summary line.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'apps/*/vitest.config.ts', 'examples/*/vitest.config.ts'],
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
})
