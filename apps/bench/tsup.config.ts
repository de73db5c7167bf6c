import { packageConfig } from '../../config/tsup.ts'
import { VARIANTS } from './src/variants.ts'

// One bundle per process the bench starts: the harness, the MemoryStore scale worker and each
// variant's server. Workspace packages and frameworks stay external, so servers load the BUILT
// packages (their `import` export, dist/) exactly as users do; only the source-only test kit is
// bundled in.
const servers = Object.fromEntries(
  VARIANTS.map((variant) => [`servers/${variant.server}`, `src/servers/${variant.server}.ts`]),
)
export default packageConfig(
  { main: 'src/main.ts', 'scale-worker': 'src/scale/scale-worker.ts', ...servers },
  { format: ['esm'], dts: false, sourcemap: false, noExternal: ['@fly-session/testkit'] },
)
