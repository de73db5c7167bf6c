import { packageConfig } from '../../config/tsup.ts'

// The module: ESM + CJS like every package here (`shims` gives the CJS build its
// `import.meta.url`; it loads the ESM-only @nuxt/kit through Node 20.19's require(esm)).
// The runtime files: ESM only, compiled and not bundled with their dependencies, because
// Nitro bundles them into the app's server by path (they are not package exports); they share
// one chunk so the plugin and the server utils see one manager.
// `clean` is off because both builds write to dist/ (the build script empties it first).
export default [
  packageConfig({ index: 'src/index.ts' }, { clean: false, shims: true }),
  packageConfig(
    { 'runtime/plugin': 'src/runtime/plugin.ts', 'runtime/server/utils': 'src/runtime/server/utils.ts' },
    { format: ['esm'], clean: false, splitting: true, external: ['#imports'] },
  ),
]
