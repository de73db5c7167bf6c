import { packageConfig } from '../../config/tsup.ts'
import { VARIANTS } from './src/variants.ts'

// One bundle per process the bench starts: the harness, the MemoryStore scale worker, the
// in-process worker and each framework's server. Workspace packages and frameworks stay
// external, so servers load the BUILT packages (their `import` export, dist/) exactly as users
// do; only the source-only test kit is bundled in. Split, so each session library's setup is a
// chunk a server loads only for its variant.
const servers = Object.fromEntries(
  VARIANTS.map(({ framework }) => [`servers/${framework}`, `src/servers/${framework}.ts`]),
)
export default packageConfig(
  {
    main: 'src/main.ts',
    'scale-worker': 'src/scale/scale-worker.ts',
    'in-process-worker': 'src/in-process/in-process-worker.ts',
    ...servers,
  },
  { format: ['esm'], dts: false, sourcemap: false, splitting: true, noExternal: ['@fly-session/testkit'] },
)
