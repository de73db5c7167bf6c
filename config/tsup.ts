import { defineConfig, type Options } from 'tsup'

/**
 * The one tsup configuration every published package uses: ESM + CJS, declarations for both,
 * Node 20 syntax. A later switch of bundler touches this file only.
 *
 * @param entry - entry points, keyed by output name (`{ index: 'src/index.ts' }`).
 * @param overrides - the few package-specific settings (e.g. `noExternal` for a bundled dependency).
 */
export function packageConfig(entry: Record<string, string>, overrides: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    splitting: false,
    treeshake: true,
    ...overrides,
  })
}
