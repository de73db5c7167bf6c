import { defineProject } from 'vitest/config'

/**
 * Workspace packages resolve through their `@fly-session/source` export condition, so tests run
 * against `src/` with no build first. vitest hands the SSR conditions to Node as `--conditions`,
 * where they steer `require()` too: adding `import` or `module` here would make CommonJS
 * dependencies (Express's `is-promise`) load ESM builds. So: the source condition and Node's own.
 */
const conditions = ['@fly-session/source', 'node', 'development|production']

/** Shared vitest project settings. */
export function projectConfig(
  name: string,
  overrides: { testTimeout?: number; globalSetup?: string[] } = {},
) {
  return defineProject({
    resolve: { conditions },
    ssr: { resolve: { conditions } },
    test: {
      name,
      environment: 'node',
      include: ['test/**/*.test.ts'],
      testTimeout: overrides.testTimeout ?? 15_000,
      hookTimeout: 30_000,
      globalSetup: overrides.globalSetup,
    },
  })
}
