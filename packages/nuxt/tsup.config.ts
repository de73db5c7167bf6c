import { packageConfig } from '../../config/tsup.ts'

// ESM only: @nuxt/kit 4 is ESM-only and Nuxt imports modules as ESM. The runtime files are
// compiled, not bundled with their dependencies: Nitro bundles them into the app's server,
// and they share one chunk so the plugin and the server utils see one manager.
// `clean` is off because both builds write to dist/ (the build script empties it first).
export default [
  packageConfig({ module: 'src/module.ts' }, { format: ['esm'], clean: false }),
  packageConfig(
    { 'runtime/plugin': 'src/runtime/plugin.ts', 'runtime/server/utils': 'src/runtime/server/utils.ts' },
    { format: ['esm'], clean: false, splitting: true, external: ['#imports'] },
  ),
]
