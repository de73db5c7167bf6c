import { defineProject } from 'vitest/config'

/**
 * Shared vitest project settings. Tests import workspace packages through their
 * `@fly-session/source` export condition, so they run against `src/` with no build first.
 */
export function projectConfig(
  name: string,
  overrides: { testTimeout?: number; globalSetup?: string[] } = {},
) {
  return defineProject({
    resolve: { conditions: ['@fly-session/source', 'module', 'node', 'import', 'default'] },
    ssr: { resolve: { conditions: ['@fly-session/source', 'module', 'node', 'import', 'default'] } },
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
